// `npm run bench:notes`: the notes pipeline under load, submit (HTTP) → `steps:ready` on the
// doctor's socket. The app runs in a child process (ROLE=all, one process) so the load generator
// does not share its event loop; this process is the clients. Two phases in one run: the rules
// extractor, then the NoopExtractor as the baseline (pipeline overhead = latency with noop).
// Each phase: max throughput (BENCH_NOTES notes, BENCH_CONCURRENCY submits in flight), then a
// paced run at BENCH_RATE notes/s for BENCH_SECONDS. Needs Redis and the Auth Emulator (started
// here); PostgreSQL from BENCH_DATABASE_URL / TEST_DATABASE_URL (a fresh database), else PGlite.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { startCarebeat } from '../src/app.js';
import { startAuthEmulator } from '../src/auth/emulator.js';
import { loadConfig } from '../src/config.js';
import { RulesExtractor } from '../src/extraction/index.js';
import { NoopExtractor } from './noopExtractor.js';
import { freshDatabase } from '../tests/helpers/freshDatabase.js';
import { freePort } from '../tests/helpers/net.js';

// Not 'development': there bee-queue's Redis client (redis v3) captures a stack trace for every
// command (about 6 % of the reminder burst's CPU), which production does not pay. Production mode
// itself refuses the Auth Emulator, and Carebeat treats 'test' exactly as 'development' (only
// 'production' changes its behaviour), so the benchmarks run the app with NODE_ENV=test.
const BENCH_NODE_ENV = 'test';
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
    await cleanRedis(redisUrl, runId);
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

type Sample = { http: number; e2e: number };
/** CPU time (ms) of the app process and of the whole machine (all cores, busy), from /proc. */
function cpuNow(pid: number): { app: number; machine: number } {
  const tick = 10; // USER_HZ is 100 on Linux
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const all = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = all.reduce((a, b) => a + b, 0) - all[3]! - all[4]!;
  return { app: (Number(stat[11]) + Number(stat[12])) * tick, machine: busy * tick };
}

function report(
  kind: string,
  label: string,
  samples: Sample[],
  elapsedMs: number,
  c0: ReturnType<typeof cpuNow>,
  c1: ReturnType<typeof cpuNow>,
) {
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
  };
  const e2e = samples.map((s) => s.e2e),
    http = samples.map((s) => s.http);
  const f = (x: number) => x.toFixed(1);
  console.log(
    `${kind.padEnd(5)} ${label.padEnd(15)} ${samples.length} notes in ${(elapsedMs / 1000).toFixed(2)} s = ${(samples.length / (elapsedMs / 1000)).toFixed(1)} notes/s | ` +
      `submit→steps:ready p50 ${f(pct(e2e, 0.5))} ms p99 ${f(pct(e2e, 0.99))} ms max ${f(Math.max(...e2e))} ms | 202 p50 ${f(pct(http, 0.5))} ms p99 ${f(pct(http, 0.99))} ms | ` +
      `app CPU ${f((c1.app - c0.app) / samples.length)} ms/note (${((100 * (c1.app - c0.app)) / elapsedMs).toFixed(0)}% of a core), ` +
      `machine busy ${((100 * (c1.machine - c0.machine)) / elapsedMs / os.cpus().length).toFixed(0)}%`,
  );
}

async function pool<T>(count: number, width: number, task: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (started < count) {
        started++;
        out.push(await task());
      }
    }),
  );
  return out;
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

async function call(url: string, token: string | null, method: string, p: string, body?: unknown): Promise<any> {
  const res = await fetch(url + p, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
  return json;
}

async function signup(url: string, role: string, i: number) {
  const email = `${role}${i}-${randomBytes(4).toString('hex')}@bench.carebeat.dev`;
  const { user, session } = await call(url, null, 'POST', '/api/auth/signup', {
    name: `${role} ${i}`,
    email,
    password: 'bench-password-1',
    role,
  });
  return { id: user.id as string, token: session.idToken as string };
}

function connect(url: string, token: string, all: Socket[]): Promise<Socket> {
  const s = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  all.push(s);
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
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

async function cleanRedis(url: string, runId: string) {
  const redis = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${runId}_*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

// Last, so every const above is initialised before it runs.
if (process.argv[2] === 'serve') await serve(process.argv[3] === 'noop' ? 'noop' : 'rules');
else await main();
