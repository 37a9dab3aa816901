// Servers of a fault test's own, so it can stop and restart them without touching the shared
// ones: a Redis (`redis-server --port <free port> --save "" --appendonly no`, in memory only) and
// a PostgreSQL cluster (`pg_createcluster`, trust auth on loopback; needs root, as CI runs).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { promisify } from 'node:util';
import { freePort } from './net.js';
import { sleep } from './poll.js';

const run = promisify(execFile);

/** Resolves once something accepts TCP connections on `port`. */
export async function portOpen(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await sleep(50);
  }
}

export interface OwnRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  /** SIGKILL (a crash) or SIGTERM; either way the data is gone (nothing is saved). */
  stop(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

export async function ownRedis(port?: number): Promise<OwnRedis> {
  const p = port ?? (await freePort());
  let child: ChildProcess | null = null;
  const stop = async (signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL') => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill(signal);
    await exited;
    child = null;
  };
  return {
    port: p,
    url: `redis://127.0.0.1:${p}/0`,
    start: async () => {
      child = spawn(
        'redis-server',
        ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
        { stdio: 'ignore' },
      );
      await portOpen(p);
    },
    stop,
  };
}

export interface OwnPostgres {
  name: string;
  port: number;
  /** The cluster's `postgres` database (the app migrates it). */
  url: string;
  start(): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  drop(): Promise<void>;
}

const VERSION = '15';

/** A new cluster (not started): `pg_createcluster 15 <name> -p <port> -- --auth=trust`. */
export async function ownPostgres(port?: number): Promise<OwnPostgres> {
  const p = port ?? (await freePort());
  const name = `cbfault_${randomBytes(3).toString('hex')}`;
  await run('pg_createcluster', [VERSION, name, '-p', String(p), '--', '--auth=trust']);
  const ctl = (...args: string[]) => run('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION, name, ...args]);
  return {
    name,
    port: p,
    url: `postgres://postgres@127.0.0.1:${p}/postgres`,
    start: async () => {
      await ctl('start');
      await portOpen(p);
    },
    stop: async (mode = 'fast') => {
      await ctl('stop', '-m', mode).catch(() => {});
    },
    drop: async () => {
      await run('pg_dropcluster', [VERSION, name, '--stop']).catch(() => {});
    },
  };
}
