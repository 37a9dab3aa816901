// Fresh PostgreSQL databases, for tests and scripts (scripts/run-tests.mjs, the bench scripts):
// freshDatabase() creates one next to an admin connection string and drops it again.
// freshStore() is the isolated store for tests that must see only their own rows (audit chain,
// key rotation, a whole-database dump): a fresh database next to the run's one (when the run uses
// PostgreSQL), else a fresh PGlite dir; plus a Redis prefix of its own, so that no other app in
// this process takes its jobs (bee-queue workers on one prefix share every queue).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  name: string;
  /** The admin URL with the new database's name as its path. */
  url: string;
  drop(): Promise<void>;
}

/** One statement on a connection of its own (CREATE/DROP DATABASE cannot run in a transaction). */
async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates database `name` (a plain lower-case identifier) on the server of `adminUrl`. */
export async function freshDatabase(adminUrl: string, name: string): Promise<FreshDatabase> {
  // Interpolated into SQL: only what needs no quoting.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await runAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => runAdmin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

export interface FreshStore {
  /** Overrides for startTestApp/testEnv: DATABASE_URL ('' = PGlite), DATA_DIR, REDIS_PREFIX. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function freshStore(tag: string): Promise<FreshStore> {
  // Imported here, not at the top: scripts import this module without loading the app.
  const { requireEnv } = await import('./app.js');
  const suffix = `${tag}_${randomBytes(3).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `carebeat-${tag}-`));
  const env = { DATA_DIR: dataDir, REDIS_PREFIX: `${requireEnv('TEST_REDIS_PREFIX')}:${suffix}`, DATABASE_URL: '' };
  const runUrl = process.env.TEST_PG_URL;
  if (!runUrl) return { env, drop: async () => {} };
  const db = await freshDatabase(runUrl, `${new URL(runUrl).pathname.slice(1)}_${suffix}`.slice(0, 63));
  return { env: { ...env, DATABASE_URL: db.url }, drop: db.drop };
}
