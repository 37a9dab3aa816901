// What bench:sockets and bench:reconnect share: Auth Emulator users with profiles (real ID
// tokens, so every handshake is verified as in production), Carebeat API processes, and the
// figures read from their /metrics.
import { emulatorAccount } from './emulatorAccount.js';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateUserKeyPair, parseKeyring } from '../../src/crypto/index.js';
import { openDatabase } from '../../src/db/client.js';
import { users } from '../../src/db/schema.js';
import { freePort } from '../../tests/helpers/net.js';
import { sleep } from '../../tests/helpers/poll.js';
import { BENCH_NODE_ENV, inBatches, waitReady } from './bench.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Person {
  id: string;
  uid: string;
  token: string;
}

/** n emulator accounts (50 sign-ups at a time) and their patient profiles, inserted directly. */
export async function createUsers(emulatorHost: string, dbUrl: string, masterKey: string, n: number) {
  const ring = parseKeyring(masterKey, 1, undefined);
  const people: Person[] = new Array(n);
  await inBatches(
    Array.from({ length: n }, (_, i) => i),
    50,
    async (i) => {
      const { uid, token } = await emulatorAccount(emulatorHost, `s${i}`);
      people[i] = { id: randomUUID(), uid, token };
    },
  );
  const store = await openDatabase({ databaseUrl: dbUrl, dataDir: os.tmpdir() });
  try {
    for (let i = 0; i < n; i += 500) {
      await store.db.insert(users).values(
        people.slice(i, i + 500).map((p, j) => {
          const keys = generateUserKeyPair(ring);
          return {
            id: p.id,
            firebaseUid: p.uid,
            role: 'patient' as const,
            name: `bench ${i + j}`,
            email: `${p.uid}@bench.carebeat.dev`,
            publicKey: keys.publicKey,
            wrappedPrivateKey: keys.wrappedPrivateKey,
          };
        }),
      );
    }
  } finally {
    await store.close();
  }
  return people;
}

export interface Api {
  url: string;
  child: ChildProcess;
  exited: Promise<unknown>;
}

export interface ApiEnv {
  dbUrl: string;
  redisUrl: string;
  prefix: string;
  emulatorHost: string;
  masterKey: string;
}

/**
 * One `ROLE=api` process (`node --import tsx src/main.ts`, as the fault suite runs it). The port
 * was free a moment ago; if someone else's process took it meanwhile (other suites share this
 * machine), the app exits, and it is started again on another.
 */
export async function startApi(e: ApiEnv, tries = 3): Promise<Api> {
  const api = launchApi(e, await freePort());
  const alive = () => api.child.exitCode === null && api.child.signalCode === null;
  const outcome = await Promise.race([
    waitReady(api.url).then(
      () => 'ready',
      () => 'timeout',
    ),
    api.exited.then(() => 'died'),
  ]);
  // A ready answer may come from whoever holds the port: ours must still be running.
  if (outcome === 'ready') await sleep(500);
  if (outcome === 'ready' && alive()) return api;
  if (outcome === 'timeout') await stopApi(api, 'SIGKILL');
  if (tries <= 1 || outcome === 'timeout') throw new Error(`the API process did not start (${outcome})`);
  return startApi(e, tries - 1);
}

function launchApi(e: ApiEnv, port: number): Api {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: BENCH_NODE_ENV,
      ROLE: 'api',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'carebeat-bench-')),
      DATABASE_URL: e.dbUrl,
      REDIS_URL: e.redisUrl,
      REDIS_PREFIX: e.prefix,
      FIREBASE_AUTH_EMULATOR_HOST: e.emulatorHost,
      FIREBASE_PROJECT_ID: 'demo-carebeat',
      MASTER_KEY: e.masterKey,
      // Rate limits are policy, not socket cost: lifted for the run.
      RATE_LIMIT_AUTH_PER_MIN: '100000000',
      RATE_LIMIT_USER_PER_MIN: '100000000',
    },
  });
  const exited = new Promise((r) => child.once('exit', r));
  return { url: `http://127.0.0.1:${port}`, child, exited };
}

export async function stopApi(api: Api, signal: NodeJS.Signals = 'SIGTERM') {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.child.kill(signal);
  await api.exited;
}

/** The numeric samples of a Prometheus text page, by metric name (first sample of each). */
export async function scrape(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})? ([-\d.e+]+|NaN)$/.exec(line);
    if (m && !(m[1]! in out)) out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** The p-th percentile (nearest rank) of xs; NaN when empty. */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

export const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** The pid of the process listening on this TCP port (from `ss`), or null. */
export function pidListening(port: number): number | null {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const m = /pid=(\d+)/.exec(out);
  return m ? Number(m[1]) : null;
}
