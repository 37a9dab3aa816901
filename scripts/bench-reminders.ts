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
// Setup and report helpers live in scripts/lib/ (bench, reminderSetup, reminderReport).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { startAuthEmulator } from '../src/auth/emulator.js';
import type { Config } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { reminders } from '../src/db/schema.js';
import { createJobs } from '../src/jobs/producer.js';
import { closeQueues, createQueues } from '../src/jobs/queues.js';
import { freshDatabase } from '../tests/helpers/freshDatabase.js';
import { freePort } from '../tests/helpers/net.js';
import { sleep } from '../tests/helpers/poll.js';
import { BENCH_NODE_ENV, cleanRedis, cpuMs, cpuMsOf, inBatches, waitReady } from './lib/bench.js';
import { reportBurst, type Delivery } from './lib/reminderReport.js';
import { startPushSide } from './lib/pushSide.js';
import { createPeople, rawBaseline } from './lib/reminderSetup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_PATIENTS ?? 1000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const LEAD_MS = 3000; // raw bee-queue: from queueing the jobs to their due moment
// From setting the burst's due time to that moment. A 09:00 dose is planned long before 09:00,
// so the workers have the minute before it to warm its keys (src/doses/warmKeys.ts): 20 s covers
// a few passes of their pump. BENCH_LEAD_MS=3000 is a worker that had no time to.
const BURST_LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 20_000);
const DAY = 86_400_000; // real days: only attempt 1 falls inside the measurement

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
    const raw = await rawBaseline({ ...config, redisPrefix: `${runId}_raw` }, N, LEAD_MS);
    console.log(`raw bee-queue: ${raw.perSec.toFixed(0)} jobs/s, lateness p50 ${raw.p50} ms, p99 ${raw.p99} ms`);

    const setupStart = Date.now();
    const people = await createPeople(emulator.host, db.url, masterKey, N, DAY);
    console.log(`setup: ${N} patients signed up and planned in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);
    // BENCH_PUSH=1: every patient has a push subscription too, at a local push service.
    const push =
      process.env.BENCH_PUSH === '1'
        ? await startPushSide(
            db.url,
            people.patients.map((p, i) => ({ patientId: p.id, doseId: people.reminderIds[i]! })),
          )
        : null;
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
      ...push?.env,
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
    // The API answering says nothing of the workers: each runs bee-queue's stalled-job check as it
    // starts, which sets this key. A burst before that would measure a worker's start-up.
    const probe = new Redis(redisUrl);
    const stallBlock = `${runId}:bq:reminders:stallBlock`;
    for (const until = Date.now() + 60_000; !(await probe.exists(stallBlock)) && Date.now() < until; ) await sleep(100);
    probe.disconnect();

    const received: Delivery[] = [];
    await inBatches(people.patients, 50, async (p) => {
      const s = io(url, { auth: { token: p.token }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(s);
      s.on('dose:due', (e: { dose: { id: string; attempts: number; dueAt: string } }) => {
        const now = Date.now();
        received.push({
          id: e.dose.id,
          attempt: e.dose.attempts,
          lateMs: now - Date.parse(e.dose.dueAt),
          at: now,
        });
      });
      await new Promise<void>((resolve, reject) => {
        s.once('connect', resolve);
        s.once('connect_error', reject);
      });
    });
    console.log(`${sockets.length} sockets connected; the burst is due in ${BURST_LEAD_MS / 1000} s`);

    // The burst: every reminder due at the same moment, queued the way storeSteps does it.
    const dueAt = new Date(Date.now() + BURST_LEAD_MS);
    const store = await openDatabase({ databaseUrl: db.url, dataDir: os.tmpdir(), migrate: false });
    await store.db
      .update(reminders)
      .set({ dueAt, nextAttemptAt: dueAt })
      .where(inArray(reminders.id, people.reminderIds));
    await store.close();
    const producer = createQueues(config, false);
    const redis = new Redis(redisUrl);
    const jobs = createJobs(producer, redis, { extractionTimeoutMs: 60_000 });
    // One sweep for the instant (as planning queues it); a full first batch fans out to the other lanes.
    await jobs.scheduleSweeps([dueAt]);
    redis.disconnect();
    // The lead measured apart: what the app spent before the due time (warming keys) is shown, and
    // the burst's figures start at its due moment.
    const atSchedule = children.reduce((t, c) => t + cpuMs(c.pid!), 0);
    await sleep(Math.max(0, dueAt.getTime() - Date.now()));
    const before = children.map((c) => cpuMs(c.pid!));
    console.log(
      `lead: the app used ${((before.reduce((a, b) => a + b, 0) - atSchedule) / 1000).toFixed(1)} s of CPU before the due time`,
    );
    const cpuBefore = before.reduce((a, b) => a + b, 0);
    // Where the machine's two cores went during the burst: the app, PostgreSQL, and this process
    // (the clients' sockets and the push service).
    const [pgBefore, selfBefore, wallBefore] = [cpuMsOf('postgres'), process.cpuUsage(), Date.now()];
    const deadline = dueAt.getTime() + 60_000;
    while (new Set(received.map((r) => r.id)).size < N && Date.now() < deadline) await sleep(50);
    const cpu = children.reduce((t, c) => t + cpuMs(c.pid!), 0) - cpuBefore;
    const self = process.cpuUsage(selfBefore);
    // Per process: the first child is the API (or the one ROLE=all process), the others workers.
    const each = children.map((c, i) => ((cpuMs(c.pid!) - before[i]!) / 1000).toFixed(1)).join(' + ');
    console.log(
      `cpu during the burst (${((Date.now() - wallBefore) / 1000).toFixed(1)} s, ${os.cpus().length} cores): app ${(cpu / 1000).toFixed(1)} s (${each}), PostgreSQL ${((cpuMsOf('postgres') - pgBefore) / 1000).toFixed(1)} s, clients and push service ${((self.user + self.system) / 1e6).toFixed(1)} s`,
    );
    await sleep(2000); // late doubles would show up here
    await closeQueues(producer);

    if (push) for (const until = Date.now() + 180_000; push.count() < N && Date.now() < until; ) await sleep(100);
    reportBurst({ N, dueAt, received, cpu, raw, root });
    push?.report(N, dueAt);
    await push?.close();
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
