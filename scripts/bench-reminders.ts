// `npm run bench:reminders`: reminders falling due all at once. Two measurements in one run:
//  (a) raw bee-queue: BENCH_PATIENTS no-op delayed jobs due at one moment, on the reminders
//      queue's own options and concurrency (the baseline);
//  (b) end to end: BENCH_PATIENTS patients, one reminder each, due at one moment: job fires →
//      PostgreSQL update + outbox row → socket event hydrated with the decrypted text → the
//      patient's connected socket.io client.
// The app runs as a child process (`src/main.ts`, ROLE=all) so this process, the clients, does
// not share its event loop. Users are signed up on the Auth Emulator in parallel (real ID tokens
// for real socket handshakes); profiles, notes, plans and reminders are written directly with
// the app's own crypto (sealed like the app does), which is setup, not what is measured.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { startAuthEmulator } from '../src/auth/emulator.js';
import type { Config } from '../src/config.js';
import { generateUserKeyPair, parseKeyring } from '../src/crypto/index.js';
import { openDatabase } from '../src/db/client.js';
import { assignments, notes, reminders, planItems, users } from '../src/db/schema.js';
import { createJobs } from '../src/jobs/producer.js';
import { closeQueues, createQueues, saveUnique } from '../src/jobs/queues.js';
import { registry } from '../src/workers/registry.js';
import { sealNote, sealStep } from '../src/sealed/cipher.js';
import { freshDatabase } from '../tests/helpers/freshDatabase.js';
import { freePort } from '../tests/helpers/net.js';
import { sleep } from '../tests/helpers/poll.js';

// Not 'development': there bee-queue's Redis client (redis v3) captures a stack trace for every
// command (about 6 % of the reminder burst's CPU), which production does not pay. Production mode
// itself refuses the Auth Emulator, and Carebeat treats 'test' exactly as 'development' (only
// 'production' changes its behaviour), so the benchmarks run the app with NODE_ENV=test.
const BENCH_NODE_ENV = 'test';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_PATIENTS ?? 1000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const LEAD_MS = 3000; // from scheduling the burst to its due moment
const DAY = 86_400_000; // real days: only attempt 1 falls inside the measurement
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function main() {
  const runId = `bench_rem_${Date.now().toString(36)}`;
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const adminUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const emulator = await startAuthEmulator({ port: await freePort(), projectId: 'demo-carebeat' });
  const db = await freshDatabase(adminUrl, runId);
  const masterKey = randomBytes(32).toString('base64');
  const config = { redisUrl, redisPrefix: runId } as Config;
  console.log(
    `# ${new Date().toISOString()} ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}, ${N} patients`,
  );
  const children: Array<ReturnType<typeof spawn>> = [];
  const sockets: Socket[] = [];
  try {
    const raw = await rawBaseline({ ...config, redisPrefix: `${runId}_raw` });
    console.log(`raw bee-queue: ${raw.perSec.toFixed(0)} jobs/s, lateness p50 ${raw.p50} ms, p99 ${raw.p99} ms`);

    const setupStart = Date.now();
    const people = await createPeople(emulator.host, db.url, masterKey);
    console.log(`setup: ${N} patients signed up and planned in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // BENCH_WORKERS=0 (default): one ROLE=all process, as `npm start` runs. k > 0: ROLE=api plus k ROLE=worker processes.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: BENCH_NODE_ENV,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'carebeat-bench-')),
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: runId,
      FIREBASE_AUTH_EMULATOR_HOST: emulator.host,
      FIREBASE_PROJECT_ID: 'demo-carebeat',
      MASTER_KEY: masterKey,
      RATE_LIMIT_AUTH_PER_MIN: '1000000',
      RATE_LIMIT_USER_PER_MIN: '1000000',
      SCHEDULE_DAY_MS: String(DAY),
    };
    const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
    const start = (role: string) =>
      spawn(process.execPath, [...prof, '--import', 'tsx', 'src/main.ts'], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...env, ROLE: role },
      });
    children.push(start(WORKERS > 0 ? 'api' : 'all'));
    for (let i = 0; i < WORKERS; i++) children.push(start('worker'));
    await waitReady(url);

    const received: Array<{ id: string; attempt: number; lateMs: number; at: number }> = [];
    await inBatches(people.patients, 50, async (p) => {
      const s = io(url, { auth: { token: p.token }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(s);
      s.on('reminder:due', (e: { reminder: { id: string; attempt: number; dueAt: string } }) => {
        const now = Date.now();
        received.push({
          id: e.reminder.id,
          attempt: e.reminder.attempt,
          lateMs: now - Date.parse(e.reminder.dueAt),
          at: now,
        });
      });
      await new Promise<void>((resolve, reject) => {
        s.once('connect', resolve);
        s.once('connect_error', reject);
      });
    });
    console.log(`${sockets.length} sockets connected`);

    // The burst: every reminder due at the same moment, queued the way storeSteps does it.
    const dueAt = new Date(Date.now() + LEAD_MS);
    const store = await openDatabase({ databaseUrl: db.url, dataDir: os.tmpdir(), migrate: false });
    await store.db.update(reminders).set({ dueAt }).where(inArray(reminders.id, people.reminderIds));
    await store.close();
    const producer = createQueues(config, false);
    const redis = new Redis(redisUrl);
    const jobs = createJobs(producer, redis, { extractionTimeoutMs: 60_000 });
    for (let i = 0; i < people.reminderIds.length; i += 100) {
      await jobs.scheduleReminders(
        people.reminderIds.slice(i, i + 100).map((reminderId) => ({ reminderId, attempt: 1, at: dueAt })),
      );
    }
    redis.disconnect();
    const cpuBefore = children.reduce((t, c) => t + cpuMs(c.pid!), 0);
    const deadline = dueAt.getTime() + 60_000;
    while (new Set(received.map((r) => r.id)).size < N && Date.now() < deadline) await sleep(50);
    const cpu = children.reduce((t, c) => t + cpuMs(c.pid!), 0) - cpuBefore;
    await sleep(2000); // late doubles would show up here
    await closeQueues(producer);

    const firsts = received.filter((r) => r.attempt === 1);
    const keys = received.map((r) => `${r.id}:${r.attempt}`);
    const lost = N - new Set(firsts.map((r) => r.id)).size;
    const doubled = keys.length - new Set(keys).size;
    const last = Math.max(...firsts.map((r) => r.at));
    const e2e = {
      perSec: firsts.length / Math.max(1, (last - dueAt.getTime()) / 1000),
      p50: pct(
        firsts.map((r) => r.lateMs),
        50,
      ),
      p99: pct(
        firsts.map((r) => r.lateMs),
        99,
      ),
      lost,
      doubled,
    };
    console.log(
      `end to end: ${e2e.perSec.toFixed(0)} deliveries/s (${((100 * e2e.perSec) / raw.perSec).toFixed(0)} % of raw), lateness p50 ${e2e.p50} ms, p99 ${e2e.p99} ms, lost ${lost}, doubled ${doubled}, app CPU ${(cpu / N).toFixed(2)} ms per delivery`,
    );
    if (process.env.BENCH_DEBUG)
      console.log(
        'lateness min',
        Math.min(...firsts.map((r) => r.lateMs)),
        'by 250 ms:',
        JSON.stringify(
          Object.entries(
            firsts.reduce((m: Record<number, number>, r) => {
              const b = Math.floor(r.lateMs / 250) * 250;
              m[b] = (m[b] ?? 0) + 1;
              return m;
            }, {}),
          ),
        ),
      );
    const ok = { ratio: e2e.perSec >= raw.perSec / 2, p99: e2e.p99 <= 1500, lost: lost === 0, doubled: doubled === 0 };
    console.log(
      `targets: e2e ≥ 50 % of raw ${ok.ratio ? 'met' : 'MISSED'}; p99 ≤ 1.5 s ${ok.p99 ? 'met' : 'MISSED'}; zero lost ${ok.lost ? 'met' : 'MISSED'}; zero doubled ${ok.doubled ? 'met' : 'MISSED'}`,
    );
    if (process.env.BENCH_WRITE !== '0') {
      writeFigures(path.join(root, 'docs/BENCHMARKS.md'), [
        `Last run: ${new Date().toISOString()}, ${os.cpus().length} cores, \`npm run bench:reminders\`, ${N} patients, reminder concurrency ${registry.reminders.concurrency}.`,
        '',
        '| measurement | throughput | lateness p50 | lateness p99 | lost | doubled |',
        '|---|---|---|---|---|---|',
        `| raw bee-queue, ${N} no-op delayed jobs | ${raw.perSec.toFixed(0)} jobs/s | ${raw.p50} ms | ${raw.p99} ms | ${N - raw.processed} | – |`,
        `| end to end, ${N} reminders → sockets | ${e2e.perSec.toFixed(0)} deliveries/s (${((100 * e2e.perSec) / raw.perSec).toFixed(0)} % of raw) | ${e2e.p50} ms | ${e2e.p99} ms | ${lost} | ${doubled} |`,
        '',
        `App CPU during the burst: ${(cpu / N).toFixed(2)} ms per delivery.`,
      ]);
    }
  } finally {
    for (const s of sockets) s.disconnect();
    await Promise.all(
      children
        .filter((c) => c.exitCode === null)
        .map((c) => {
          c.kill('SIGTERM');
          return new Promise((r) => c.once('exit', r));
        }),
    );
    await cleanRedis(redisUrl, runId);
    await db.drop();
    await emulator.stop();
  }
}

/** N no-op jobs on a reminders queue (same options, same concurrency), all due at one moment. */
async function rawBaseline(config: Config) {
  const worker = createQueues(config, true);
  const producer = createQueues(config, false);
  const done: number[] = [];
  worker.reminders.process(registry.reminders.concurrency, async () => {
    done.push(Date.now());
    return 'noop';
  });
  await worker.reminders.ready();
  const dueAt = new Date(Date.now() + LEAD_MS);
  await inBatches(
    Array.from({ length: N }, (_, i) => i),
    100,
    (i) =>
      saveUnique(
        producer.reminders,
        `raw:${i}`,
        { reminderId: `raw-${i}`, attempt: 1 },
        { at: dueAt, timeoutMs: 30_000 },
      ),
  );
  while (done.length < N && Date.now() < dueAt.getTime() + 60_000) await sleep(20);
  await Promise.all([closeQueues(producer), closeQueues(worker)]);
  const late = done.map((t) => t - dueAt.getTime());
  return {
    perSec: done.length / Math.max(0.001, (Math.max(...done) - dueAt.getTime()) / 1000),
    p50: pct(late, 50),
    p99: pct(late, 99),
    processed: done.length,
  };
}

/** One doctor, N patients (emulator accounts + profiles), each with a ready note and a one-reminder plan. */
async function createPeople(emulatorHost: string, dbUrl: string, masterKey: string) {
  const ring = parseKeyring(masterKey, 1, undefined);
  const signUp = async (i: number) => {
    const res = await fetch(`http://${emulatorHost}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=bench`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `p${i}-${randomUUID().slice(0, 8)}@bench.carebeat.dev`,
        password: 'bench-password-1',
        returnSecureToken: true,
      }),
    });
    if (!res.ok) throw new Error(`emulator signUp: ${res.status}`);
    const body = (await res.json()) as { localId: string; idToken: string; email: string };
    return {
      uid: body.localId,
      token: body.idToken,
      email: body.email,
      keys: generateUserKeyPair(ring),
      id: randomUUID(),
    };
  };
  const accounts: Array<Awaited<ReturnType<typeof signUp>>> = [];
  await inBatches(
    Array.from({ length: N + 1 }, (_, i) => i),
    50,
    async (i) => {
      accounts[i] = await signUp(i);
    },
  );
  const [doctor, ...patients] = accounts as [(typeof accounts)[0], ...typeof accounts];
  const store = await openDatabase({ databaseUrl: dbUrl, dataDir: os.tmpdir() });
  const reminderIds: string[] = [];
  try {
    await store.db.insert(users).values(
      accounts.map((a, i) => ({
        id: a.id,
        firebaseUid: a.uid,
        role: i === 0 ? ('doctor' as const) : ('patient' as const),
        name: `bench ${i}`,
        email: a.email,
        publicKey: a.keys.publicKey,
        wrappedPrivateKey: a.keys.wrappedPrivateKey,
      })),
    );
    for (let i = 0; i < patients.length; i += 200) {
      const chunk = patients.slice(i, i + 200);
      await store.db.insert(assignments).values(chunk.map((p) => ({ patientId: p.id, doctorId: doctor.id })));
      const rows = chunk.map((p) => {
        const noteId = randomUUID(),
          itemId = randomUUID();
        const { sealed, wrappedKeys, dek } = sealNote(noteId, p.id, 'Take vitamin D once daily for 1 day.', [
          { id: doctor.id, publicKey: doctor.keys.publicKey },
          { id: p.id, publicKey: p.keys.publicKey },
        ]);
        return {
          noteId,
          itemId,
          patientId: p.id,
          sealed,
          wrappedKeys,
          step: sealStep(dek, noteId, p.id, 'plan', itemId, 'Take vitamin D'),
        };
      });
      await store.db.insert(notes).values(
        rows.map((r) => ({
          id: r.noteId,
          patientId: r.patientId,
          doctorId: doctor.id,
          ...r.sealed,
          wrappedKeys: r.wrappedKeys,
          status: 'ready' as const,
          extractor: 'bench',
        })),
      );
      // Far in the future until the burst is set up, so the app's reconciliation leaves them alone.
      const later = new Date(Date.now() + 3_600_000);
      await store.db.insert(planItems).values(
        rows.map((r) => ({
          id: r.itemId,
          noteId: r.noteId,
          patientId: r.patientId,
          position: 0,
          frequencyPerDay: 1,
          durationDays: 1,
          requiredCheckins: 1,
          intervalMs: DAY,
          startsAt: later,
          ...r.step,
        })),
      );
      const occ = await store.db
        .insert(reminders)
        .values(rows.map((r) => ({ planItemId: r.itemId, patientId: r.patientId, seq: 1, dueAt: later })))
        .returning({ id: reminders.id });
      reminderIds.push(...occ.map((o) => o.id));
    }
  } finally {
    await store.close();
  }
  return { patients, reminderIds };
}

/** Replaces the figures between the markers of the Reminders section; adds the section if missing. */
function writeFigures(file: string, lines: string[]) {
  const [start, end] = ['<!-- bench:reminders:start -->', '<!-- bench:reminders:end -->'];
  const block = [start, ...lines, end].join('\n');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = text.indexOf(start);
  const next =
    at >= 0
      ? text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length)
      : `${text.trimEnd()}\n\n## Reminders\n\n${block}\n`;
  writeFileSync(file, next);
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

function cpuMs(pid: number): number {
  // /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (100 per second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function waitReady(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      /* starting */
    }
    await sleep(200);
  }
  throw new Error('the app did not become ready');
}

async function cleanRedis(url: string, prefix: string) {
  const r = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await r.del(...keys);
  } while (cursor !== '0');
  r.disconnect();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
