// `npm run bench:reconnect`: BENCH_CLIENTS clients on two Carebeat API processes (ROLE=api, no
// load balancer: client i starts on API i % 2), events flowing, then API 1 killed with SIGKILL.
// Each client is the protocol's client (tests/helpers/seqClient.ts, in child processes:
// scripts/lib/socketFleet.ts): on losing its process it reconnects to the other one (a real,
// revocation-checked handshake) and `sync`s from the last seq it holds, as DESIGN §5 wants.
// Events: BENCH_RATE events/s written before, during and after the kill the way a worker's are
// (scripts/lib/eventDriver.ts: an outbox row per event in PostgreSQL, then the Redis emitter).
// Measured from the kill: each failed-over client's time until it has reconnected and synced
// (p50/p99/max; the max is "all synced"). Then every client's events are checked against its
// user's outbox: lost = an outbox row the client does not hold; doubled = an event twice on one
// connection, a sync page repeating a seq, or two events for one seq.
// Sizes: BENCH_CLIENTS (10000; `--quick`: 500), BENCH_USERS (sign-ups, clients dealt in turn; 2000),
// BENCH_FLEETS (client processes, 2), BENCH_RATE (100).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { startAuthEmulator } from '../src/auth/emulator.js';
import { freshDatabase } from '../tests/helpers/freshDatabase.js';
import { freePort } from '../tests/helpers/net.js';
import { sleep } from '../tests/helpers/poll.js';
import { cleanRedis, cpuMs } from './lib/bench.js';
import { startDriver } from './lib/eventDriver.js';
import { startBare } from './lib/bareProc.js';
import { Fleets } from './lib/fleets.js';
import { outboxOf, tally } from './lib/reconnectReport.js';
import { type Api, createUsers, pidListening, startApi, stopApi } from './lib/socketWorld.js';

const quick = process.argv.includes('--quick');
const N = Number(process.env.BENCH_CLIENTS ?? (quick ? 500 : 10_000));
const USERS = Math.min(N, Number(process.env.BENCH_USERS ?? (quick ? 100 : 2000)));
const FLEETS = Number(process.env.BENCH_FLEETS ?? 2);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const LIMIT_MS = 120_000; // give up waiting for the failed-over clients after this

/** Waits until every client of the killed process has lost it and reconnected and synced (or failed). */
async function recovery(fleets: Fleets, onKilled: number, killedAt: number): Promise<number> {
  let state = await fleets.count();
  while (Date.now() - killedAt < LIMIT_MS && (state.down < onKilled || state.up + state.failed < state.down)) {
    await sleep(100);
    state = await fleets.count();
  }
  return Date.now() - killedAt;
}

/**
 * The floor: the same clients and failover on two bare socket.io servers (no auth, no adapter,
 * `sync` answered with an empty page), one killed with SIGKILL. What reconnecting costs this box
 * without any of Carebeat.
 */
async function floor() {
  const servers = [await startBare(true), await startBare(true)];
  const fleets = new Fleets(FLEETS);
  try {
    const users = Array.from({ length: USERS }, (_, i) => `u${i}`);
    const clients = Array.from({ length: N }, (_, i) => ({
      token: users[i % USERS]!,
      userId: users[i % USERS]!,
      first: i % 2,
    }));
    await fleets.connect(
      'seq',
      servers.map((x) => x.url),
      clients,
    );
    await sleep(2000);
    const killedAt = Date.now();
    await servers[0]!.kill('SIGKILL');
    await recovery(fleets, clients.filter((x) => x.first === 0).length, killedAt);
    const t = tally(await fleets.report(), new Map(users.map((u) => [u, new Map()])), killedAt);
    console.log(
      `floor, bare socket.io: ${t.recovered}/${t.failedOver} reconnected and synced after the kill: p50 ${t.p50} ms, p99 ${t.p99} ms, max ${t.max} ms`,
    );
  } finally {
    await fleets.close();
    for (const x of servers) await x.kill('SIGTERM');
  }
}

async function main() {
  console.log(
    `# ${new Date().toISOString()} ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}; ${N} clients, ${USERS} users, 2 API processes, ${FLEETS} client processes, ${RATE} events/s`,
  );
  await floor();
  const runId = `bench_rec_${Date.now().toString(36)}`;
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const adminUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const emulator = await startAuthEmulator({ port: await freePort(), projectId: 'demo-carebeat' });
  const db = await freshDatabase(adminUrl, runId);
  const masterKey = randomBytes(32).toString('base64');
  const env = { dbUrl: db.url, redisUrl, prefix: runId, emulatorHost: emulator.host, masterKey };
  const apis: Api[] = [];
  const fleets = new Fleets(FLEETS);
  let driver: Awaited<ReturnType<typeof startDriver>> | null = null;
  try {
    const t0 = Date.now();
    const people = await createUsers(emulator.host, db.url, masterKey, USERS);
    console.log(`setup: ${USERS} users signed up with profiles in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    apis.push(...(await Promise.all([startApi(env), startApi(env)])));
    const urls = apis.map((a) => a.url);
    const clients = Array.from({ length: N }, (_, i) => ({
      token: people[i % USERS]!.token,
      userId: people[i % USERS]!.id,
      first: i % 2,
    }));
    const c = await fleets.connect('seq', urls, clients);
    console.log(
      `${c.ok}/${N} clients connected in ${(c.ms / 1000).toFixed(1)} s${c.error ? ` (first error: ${c.error})` : ''}`,
    );

    const driverAt = Date.now();
    driver = await startDriver({ ...env, rate: RATE, userIds: people.map((p) => p.id) });
    await sleep(5000);
    const writtenBeforeKill = driver.written();
    const emulatorPid = pidListening(Number(emulator.host.split(':')[1]));
    const cpu0 = {
      api: cpuMs(apis[1]!.child.pid!),
      emulator: emulatorPid ? cpuMs(emulatorPid) : 0,
      clients: fleets.pids.map(cpuMs),
    };
    apis[0]!.child.kill('SIGKILL');
    const killedAt = Date.now();
    await apis[0]!.exited;
    // Until every client of the killed API has lost it and then reconnected and synced (or failed).
    const onKilled = clients.filter((x) => x.first === 0).length;
    const waitedMs = await recovery(fleets, onKilled, killedAt);
    const cpuS = (pid: number, from: number) => ((cpuMs(pid) - from) / waitedMs).toFixed(2);
    console.log(
      `CPU during the recovery (cores): surviving API ${cpuS(apis[1]!.child.pid!, cpu0.api)}, Auth Emulator ${emulatorPid ? cpuS(emulatorPid, cpu0.emulator) : '?'}, client processes ${fleets.pids.map((p, i) => cpuS(p, cpu0.clients[i]!)).join(' + ')}; machine load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    await sleep(3000); // events keep flowing to everyone after the recovery
    await driver.stop();
    const written = driver.written();
    const driverS = (Date.now() - driverAt) / 1000;
    await sleep(2000); // the last live events land; late doubles would show here
    const reports = await fleets.report();
    const truth = await outboxOf(
      db.url,
      people.map((p) => p.id),
    );
    const t = tally(reports, truth, killedAt);
    console.log(
      `events: ${written} written (${writtenBeforeKill} before the kill, ${driver.failed()} failed), ${(written / driverS).toFixed(0)}/s over ${driverS.toFixed(1)} s`,
    );
    console.log(
      `clients: ${reports.length}; failed over: ${t.failedOver} (of ${onKilled} on the killed API; all disconnected within ${t.detectMax} ms); recovered ${t.recovered}, failed ${t.failed.length}, connect retries ${t.retries}${t.failed.length ? ` (${t.failed[0]})` : ''}${t.recovered + t.failed.length < t.failedOver ? `; still waiting after ${waitedMs} ms` : ''}`,
    );
    console.log(
      `reconnect + sync after the kill: p50 ${t.p50} ms, p99 ${t.p99} ms, max ${t.max} ms (all synced: ${t.recovered === onKilled ? `${t.max} ms` : 'no'})`,
    );
    console.log(`events expected ${t.expected} (client × own outbox), lost ${t.lost}, doubled ${t.doubled}`);
  } finally {
    await driver?.close();
    await fleets.close();
    for (const a of apis) await stopApi(a);
    await cleanRedis(redisUrl, `${runId}*`);
    await db.drop();
    await emulator.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
