// Real Carebeat child processes for the fault suite (tests/faults/): `node --import tsx src/main.ts`
// with a ROLE, started, waited for, stopped gracefully or killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './net.js';
import { sleep } from './poll.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Proc {
  name: string;
  child: ChildProcess;
  /** The API's base URL (ROLE=api/all), else null. */
  url: string | null;
  port: number | null;
  output: () => string;
  exited: Promise<unknown>;
  alive(): boolean;
}

/** Starts one process; `env` is a whole environment (testEnv()), ROLE and PORT are set here. */
export async function startProcess(
  name: string,
  role: 'api' | 'worker' | 'all',
  env: Record<string, string>,
  opts: { port?: number } = {},
): Promise<Proc> {
  const port = role === 'worker' ? null : (opts.port ?? (await freePort()));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      // Info at least: readiness of a worker is its "Carebeat worker running" line.
      LOG_LEVEL: env.LOG_LEVEL === 'debug' ? 'debug' : 'info',
      ROLE: role,
      ...(port ? { PORT: String(port) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-40_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    name,
    child,
    port,
    url: port ? `http://127.0.0.1:${port}` : null,
    output: () => out,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Resolves once `ready()` holds; fails early (with the process's output) if it exits. */
export async function waitUntilReady(proc: Proc, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (!proc.alive()) throw new Error(`${proc.name} exited (${proc.child.exitCode}): ${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`${proc.name} not ready within ${timeoutMs} ms: ${proc.output()}`);
    await sleep(100);
  }
}

/** An API is ready when /readyz answers 200; a worker when it logged that it runs. */
export function waitForProcess(proc: Proc, timeoutMs = 60_000): Promise<void> {
  if (proc.url) return waitUntilReady(proc, async () => (await fetch(`${proc.url}/readyz`)).status === 200, timeoutMs);
  return waitUntilReady(proc, async () => proc.output().includes('Carebeat worker running'), timeoutMs);
}

export async function startReady(
  name: string,
  role: 'api' | 'worker' | 'all',
  env: Record<string, string>,
  opts: { port?: number } = {},
): Promise<Proc> {
  const proc = await startProcess(name, role, env, opts);
  try {
    await waitForProcess(proc);
  } catch (err) {
    proc.child.kill('SIGKILL');
    throw err;
  }
  return proc;
}

/** kill -9: no shutdown hook runs, open transactions die with the connections. */
export async function killHard(proc: Proc): Promise<void> {
  if (!proc.alive()) return;
  proc.child.kill('SIGKILL');
  await proc.exited;
}

export async function stopProcess(proc: Proc): Promise<void> {
  if (!proc.alive()) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 20_000);
  await proc.exited;
  clearTimeout(timer);
}

/** Error-level lines (pino levels 50/60) a process logged, for a test's report. */
export const errorLines = (proc: Proc) =>
  proc
    .output()
    .split('\n')
    .filter((l) => /"level":(50|60)/.test(l));

/** The suite's one summary line per case. */
export function faultSummary(
  name: string,
  figures: { faults: number; expected: number; lost: number; doubled: number } & Record<string, unknown>,
): void {
  const rest = Object.entries(figures)
    .filter(([k]) => !['faults', 'expected', 'lost', 'doubled'].includes(k))
    .map(([k, v]) => ` ${k}=${v}`)
    .join('');
  console.log(
    `# fault-summary ${name}: faults injected=${figures.faults} events expected=${figures.expected} lost=${figures.lost} doubled=${figures.doubled}${rest}`,
  );
}
