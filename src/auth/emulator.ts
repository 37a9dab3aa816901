// Starts the Firebase Auth Emulator as a child process (local mode and tests). We spawn the
// firebase binary itself rather than `npx`, so that signalling the child really stops the emulator.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface AuthEmulator {
  host: string; // host:port, the form FIREBASE_AUTH_EMULATOR_HOST takes
  stop(): Promise<void>;
}

/** persistDir: accounts are imported from and exported to it, so local mode keeps its users. */
export async function startAuthEmulator(opts: {
  port: number;
  projectId: string;
  timeoutMs?: number;
  persistDir?: string;
}): Promise<AuthEmulator> {
  const host = `127.0.0.1:${opts.port}`;
  if (await isUp(host))
    throw new Error(`port ${opts.port} is taken: set FIREBASE_AUTH_EMULATOR_HOST=${host} to use a running emulator`);
  // A private config file carries the port, so tests and a running `npm start` can coexist.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'carebeat-emu-'));
  const configFile = path.join(dir, 'firebase.json');
  // The hub and logging emulators always start too, on 4400/4500 by default; two emulators
  // starting at once race for those ports and the loser exits (code 2) just after "ready". Free
  // ports of our own avoid that.
  const [hubPort, loggingPort] = await freePorts(2, opts.port);
  await writeFile(
    configFile,
    JSON.stringify({
      emulators: {
        auth: { host: '127.0.0.1', port: opts.port },
        hub: { host: '127.0.0.1', port: hubPort },
        logging: { host: '127.0.0.1', port: loggingPort },
        ui: { enabled: false },
        singleProjectMode: true,
      },
    }),
  );
  const bin = path.join(projectRoot, 'node_modules', '.bin', 'firebase');
  const args = ['emulators:start', '--only', 'auth', '--project', opts.projectId, '--config', configFile];
  if (opts.persistDir) {
    await mkdir(opts.persistDir, { recursive: true });
    args.push('--export-on-exit', opts.persistDir);
    if (existsSync(path.join(opts.persistDir, 'firebase-export-metadata.json'))) args.push('--import', opts.persistDir);
  }
  const child = spawn(bin, args, {
    cwd: dir,
    // CI=true keeps firebase-tools from prompting or calling home (no network here).
    env: { ...process.env, CI: 'true', FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true', NO_UPDATE_NOTIFIER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (b: Buffer) => {
    output = (output + b.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = () => stopChild(child, dir);
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (!(await isUp(host))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Auth Emulator did not start: ${output.trim().split('\n').slice(-5).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { host, stop };
}

async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.pid) {
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(dir, { recursive: true, force: true });
}

/** n distinct free ports, none of them `exclude` (held open together so the OS cannot repeat one). */
async function freePorts(n: number, exclude: number): Promise<number[]> {
  const servers: net.Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < n) {
      const srv = net.createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve());
      });
      const { port } = srv.address() as net.AddressInfo;
      if (port !== exclude) ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((srv) => new Promise((resolve) => srv.close(resolve))));
  }
}

async function isUp(host: string): Promise<boolean> {
  try {
    const res = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}
