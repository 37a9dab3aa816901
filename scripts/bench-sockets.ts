// `npm run bench:sockets`: idle authenticated sockets on ONE Carebeat API process, against a bare
// socket.io server holding the same number of clients in the same run. Two phases, one after the
// other, each with fresh client processes (scripts/lib/socketFleet.ts):
//  (a) bare: `new Server()` in a child process (scripts/lib/bareServer.ts), no auth;
//  (b) Carebeat: `node --import tsx src/main.ts` with ROLE=api, every handshake a real Auth
//      Emulator ID token verified (and checked for revocation) as in production.
// For each: heap used and RSS before and after connecting (the lowest of several samples, so a
// GC that has not run yet counts less), per socket; then the event-loop lag p99 while
// BENCH_RATE events/s fan out to the users' rooms. Carebeat's events go the way a worker's do
// (scripts/lib/eventDriver.ts: outbox row, then the Redis emitter → the API's adapter → the room);
// the bare server emits the same number itself.
// Sizes: BENCH_SOCKETS (20000; `--quick`: 500), BENCH_USERS (sign-ups; sockets are dealt to users in
// turn), BENCH_FLEETS (client processes, 2), BENCH_RATE (100), BENCH_SECONDS (fan-out, 10).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { startAuthEmulator } from '../src/auth/emulator.js';
import { freshDatabase } from '../tests/helpers/freshDatabase.js';
import { freePort } from '../tests/helpers/net.js';
import { cleanRedis } from './lib/bench.js';
import { fanOut, lowest, type Phase } from './lib/socketPhase.js';
import { startBare } from './lib/bareProc.js';
import { startDriver } from './lib/eventDriver.js';
import { Fleets } from './lib/fleets.js';
import { createUsers, mb, scrape, startApi, stopApi } from './lib/socketWorld.js';

const quick = process.argv.includes('--quick');
// 19 800, not 20 000: a process may open 20 000 files here (`ulimit -Hn`), and raising that needs
// CAP_SYS_RESOURCE, which this container lacks; the API also holds its PostgreSQL, Redis and
// listening sockets, and a /metrics scrape needs one more.
const N = Number(process.env.BENCH_SOCKETS ?? (quick ? 500 : 19_800));
const USERS = Math.min(N, Number(process.env.BENCH_USERS ?? (quick ? 100 : 2000)));
const FLEETS = Number(process.env.BENCH_FLEETS ?? 2);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function bare(): Promise<Phase> {
  const server = await startBare();
  const { ask } = server;
  const fleets = new Fleets(FLEETS);
  try {
    const stats = async () => {
      const s = await ask({ cmd: 'stats' }, 'stats');
      return { heap: s.heapUsed, rss: s.rss };
    };
    const before = await lowest(stats);
    const clients = Array.from({ length: N }, (_, i) => ({ token: '', userId: `u${i % USERS}`, first: 0 }));
    // The bare server takes `auth.token` as the user id of the socket's room, unchecked.
    const c = await fleets.connect(
      'idle',
      [server.url],
      clients.map((x) => ({ ...x, token: x.userId })),
    );
    const after = await lowest(stats);
    const rooms = Array.from({ length: USERS }, (_, i) => `user:u${i}`);
    const f = await fanOut(
      SECONDS,
      server.pid,
      fleets,
      async () => (await ask({ cmd: 'stats' }, 'stats')).lagP99Ms,
      async () => {
        const from = (await ask({ cmd: 'stats' }, 'stats')).emitted;
        server.send({ cmd: 'fanout', rate: RATE, rooms });
        return async () => {
          server.send({ cmd: 'stop' });
          return (await ask({ cmd: 'stats' }, 'stats')).emitted - from;
        };
      },
    );
    return { before, after, connected: c.ok, connectMs: c.ms, ...f };
  } finally {
    await fleets.close();
    await server.kill('SIGTERM');
  }
}

async function carebeat(): Promise<Phase> {
  const runId = `bench_sock_${Date.now().toString(36)}`;
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const adminUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const emulator = await startAuthEmulator({ port: await freePort(), projectId: 'demo-carebeat' });
  const db = await freshDatabase(adminUrl, runId);
  const masterKey = randomBytes(32).toString('base64');
  const env = { dbUrl: db.url, redisUrl, prefix: runId, emulatorHost: emulator.host, masterKey };
  let api: Awaited<ReturnType<typeof startApi>> | null = null;
  const fleets = new Fleets(FLEETS);
  try {
    const t0 = Date.now();
    const people = await createUsers(emulator.host, db.url, masterKey, USERS);
    console.log(`setup: ${USERS} users signed up with profiles in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    api = await startApi(env);
    const url = api.url;
    const metrics = async () => {
      const m = await scrape(url);
      return { heap: m.nodejs_heap_size_used_bytes!, rss: m.process_resident_memory_bytes! };
    };
    const before = await lowest(metrics);
    const clients = Array.from({ length: N }, (_, i) => ({
      token: people[i % USERS]!.token,
      userId: people[i % USERS]!.id,
      first: 0,
    }));
    const c = await fleets.connect('idle', [url], clients);
    if (c.error) console.log(`connect errors: ${c.failed} (first: ${c.error})`);
    const after = await lowest(metrics);
    console.log(`carebeat_socket_connections: ${(await scrape(url)).carebeat_socket_connections}`);
    const f = await fanOut(
      SECONDS,
      api.child.pid!,
      fleets,
      async () => (await scrape(url)).nodejs_eventloop_lag_p99_seconds! * 1000,
      async () => {
        const driver = await startDriver({ ...env, rate: RATE, userIds: people.map((p) => p.id) });
        return async () => {
          await driver.close();
          if (driver.failed()) console.log(`driver: ${driver.failed()} events failed`);
          return driver.written();
        };
      },
    );
    return { before, after, connected: c.ok, connectMs: c.ms, ...f };
  } finally {
    await fleets.close();
    if (api) await stopApi(api);
    await cleanRedis(redisUrl, `${runId}*`);
    await db.drop();
    await emulator.stop();
  }
}

function print(name: string, p: Phase) {
  const heap = (p.after.heap - p.before.heap) / p.connected;
  const rss = (p.after.rss - p.before.rss) / p.connected;
  console.log(
    `${name}: ${p.connected}/${N} sockets in ${(p.connectMs / 1000).toFixed(1)} s; heap ${mb(p.before.heap)} → ${mb(p.after.heap)} (${(heap / 1024).toFixed(1)} KB/socket), RSS ${mb(p.before.rss)} → ${mb(p.after.rss)} (${(rss / 1024).toFixed(1)} KB/socket); loop lag p99 idle ${p.idleLagMs.toFixed(1)} ms, with ${p.sent} events in ${SECONDS} s: ${p.lagMs.toFixed(1)} ms; deliveries ${p.delivered}; server CPU ${p.cpuMsPerS.toFixed(0)} ms/s; load average ${p.load.toFixed(1)}`,
  );
  return { heap, rss };
}

async function main() {
  console.log(
    `# ${new Date().toISOString()} ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}; ${N} sockets, ${USERS} users, ${FLEETS} client processes, ${RATE} events/s for ${SECONDS} s`,
  );
  const b = print('bare socket.io', await bare());
  const c = print('carebeat api', await carebeat());
  console.log(
    `ratio carebeat / bare: heap per socket ${(c.heap / b.heap).toFixed(2)}×, RSS per socket ${(c.rss / b.rss).toFixed(2)}×`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
