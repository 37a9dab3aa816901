// `npm run bench:notes`: the notes pipeline under load, submit (HTTP) → `steps:ready` on the
// doctor's socket. The app runs in a child process (ROLE=all, one process) so the load generator
// does not share its event loop; this process is the clients. Two phases in one run: the rules
// extractor, then the NoopExtractor as the baseline (pipeline overhead = latency with noop).
// Each phase: max throughput (BENCH_NOTES notes, BENCH_CONCURRENCY submits in flight), then a
// paced run at BENCH_RATE notes/s for BENCH_SECONDS. Needs Redis and the Auth Emulator (started
// here); PostgreSQL from BENCH_DATABASE_URL / TEST_DATABASE_URL (a fresh database), else PGlite.
// Clients and report helpers live in scripts/lib/ (bench, notesClient, notesReport).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { startCarebeat } from '../src/app.js';
import { startAuthEmulator } from '../src/auth/emulator.js';
import { loadConfig } from '../src/config.js';
import { RulesExtractor } from '../src/extraction/index.js';
import { NoopExtractor } from './noopExtractor.js';
import { freshDatabase } from '../tests/helpers/freshDatabase.js';
import { freePort } from '../tests/helpers/net.js';
import { BENCH_NODE_ENV, cleanRedis } from './lib/bench.js';
import { call, connect, pool, signup, sleepUntil } from './lib/notesClient.js';
import { cpuNow, report } from './lib/notesReport.js';

const num = (name: string, def: number) => Number(process.env[name] ?? def);
const NOTES = num('BENCH_NOTES', 1000),
  CONCURRENCY = num('BENCH_CONCURRENCY', 64),
  PATIENTS = num('BENCH_PATIENTS', 50);
const RATE = num('BENCH_RATE', 50),
  SECONDS = num('BENCH_SECONDS', 10);
const TEMPLATES = [
  'Take amoxicillin 500mg twice daily for 7 days. Buy a thermometer.',
  'Ibuprofen 400mg three times a day for five days with food. Book a follow-up appointment in two weeks.',
  'Apply the cream every morning for 2 weeks. Pick up the prescription from the pharmacy.',
  'Metformin 500mg once daily for 3 months. Drink plenty of water and rest.',
];

/** Child mode: one Carebeat process with the chosen extractor; prints its URL, stops on SIGTERM. */
async function serve(kind: 'rules' | 'noop') {
  const app = await startCarebeat(loadConfig(), {
    extractor: kind === 'noop' ? new NoopExtractor() : new RulesExtractor(),
    ephemeralAuth: true,
  });
  process.stdout.write(`${JSON.stringify({ url: app.url })}\n`);
  process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

async function main() {
  const runId = `bench_${Date.now().toString(36)}`;
  const emulator = await startAuthEmulator({ port: await freePort(), projectId: 'demo-carebeat' });
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  // No PostgreSQL given: the app uses PGlite (DATABASE_URL '').
  const db = adminUrl ? await freshDatabase(adminUrl, `carebeat_${runId}`) : { url: '', drop: async () => {} };
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const env = {
    ...process.env,
    NODE_ENV: BENCH_NODE_ENV,
    ROLE: 'all',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'carebeat-bench-')),
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    FIREBASE_AUTH_EMULATOR_HOST: emulator.host,
    FIREBASE_PROJECT_ID: 'demo-carebeat',
    MASTER_KEY: randomBytes(32).toString('base64'),
    // Rate limits are a policy, not pipeline cost: lifted so the load is not refused.
    RATE_LIMIT_AUTH_PER_MIN: '1000000',
    RATE_LIMIT_USER_PER_MIN: '1000000',
    GEMINI_API_KEY: '',
  };
  console.log(
    `# ${new Date().toISOString()} ${os.cpus().length} cores, node ${process.version}, db ${db.url ? 'postgresql' : 'pglite'}, ` +
      `notes ${NOTES} (concurrency ${CONCURRENCY}), paced ${RATE}/s for ${SECONDS}s, ${PATIENTS} patients`,
  );
  try {
    for (const kind of ['rules', 'noop'] as const) await phase(kind, { ...env, REDIS_PREFIX: `${runId}_${kind}` });
  } finally {
    await cleanRedis(redisUrl, `${runId}_*`);
    await db.drop();
    await emulator.stop();
  }
}

async function phase(kind: string, env: NodeJS.ProcessEnv) {
  const { child, url } = await startChild(kind, env);
  const sockets: Socket[] = [];
  try {
    const doctor = await signup(url, 'doctor', 0);
    const patients: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < PATIENTS; i++) {
      const p = await signup(url, 'patient', i);
      await call(url, p.token, 'PUT', '/api/me/doctor', { doctorId: doctor.id });
      patients.push(p);
    }
    const ready = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    const ds = await connect(url, doctor.token, sockets);
    ds.on('steps:ready', (e: { noteId: string }) => {
      ready.set(e.noteId, performance.now());
      waiters.get(e.noteId)?.();
    });
    for (const p of patients) await connect(url, p.token, sockets);
    let n = 0;
    const submitOne = async () => {
      const i = n++;
      const started = performance.now();
      const res = await call(url, doctor.token, 'POST', `/api/patients/${patients[i % PATIENTS]!.id}/notes`, {
        content: `${TEMPLATES[i % TEMPLATES.length]} (#${i})`,
      });
      const accepted = performance.now();
      const id = res.note.id as string;
      if (!ready.has(id))
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no steps:ready for a note after 120 s (${kind})`)), 120_000);
          waiters.set(id, () => {
            clearTimeout(timer);
            resolve();
          });
        });
      waiters.delete(id);
      return { http: accepted - started, e2e: ready.get(id)! - started };
    };
    await pool(Math.min(50, NOTES), 8, submitOne); // warm-up: JIT, connection pools, prepared plans
    let cpu = cpuNow(child.pid!);
    const t0 = performance.now();
    const max = await pool(NOTES, CONCURRENCY, submitOne);
    report(kind, 'max throughput', max, performance.now() - t0, cpu, cpuNow(child.pid!));
    cpu = cpuNow(child.pid!);
    const t1 = performance.now();
    const paced = await Promise.all(
      Array.from({ length: RATE * SECONDS }, (_, i) => sleepUntil(t1 + (i * 1000) / RATE).then(submitOne)),
    );
    report(kind, `paced ${RATE}/s`, paced, performance.now() - t1, cpu, cpuNow(child.pid!));
  } finally {
    for (const s of sockets) s.disconnect();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

function startChild(kind: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(import.meta.url);
  // BENCH_PROF=<dir> writes a V8 CPU profile of the app process per phase (for finding bottlenecks).
  const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', script, 'serve', kind], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (b: Buffer) => {
      buf += b.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve({ child, url: JSON.parse(line).url });
    });
    child.once('exit', (code) => reject(new Error(`app exited with ${code} before listening`)));
  });
}

// Last, so every const above is initialised before it runs.
if (process.argv[2] === 'serve') await serve(process.argv[3] === 'noop' ? 'noop' : 'rules');
else await main();
