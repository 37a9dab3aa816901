// An isolated store for tests that must see only their own rows (audit chain, key rotation, a
// whole-database dump): a fresh PostgreSQL database next to the run's one (when the run uses
// PostgreSQL), else a fresh PGlite dir; plus a Redis prefix of its own, so that no other app in
// this process takes its jobs (bee-queue workers on one prefix share every queue).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { requireEnv } from './app.js';

export interface FreshStore {
  /** Overrides for startTestApp/testEnv: DATABASE_URL ('' = PGlite), DATA_DIR, REDIS_PREFIX. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function freshStore(tag: string): Promise<FreshStore> {
  const suffix = `${tag}_${randomBytes(3).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `carebeat-${tag}-`));
  const env = { DATA_DIR: dataDir, REDIS_PREFIX: `${requireEnv('TEST_REDIS_PREFIX')}:${suffix}`, DATABASE_URL: '' };
  const runUrl = process.env.TEST_PG_URL;
  if (!runUrl) return { env, drop: async () => {} };
  const url = new URL(runUrl);
  const name = `${url.pathname.slice(1)}_${suffix}`.slice(0, 63);
  const admin = new pg.Client({ connectionString: runUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return {
    env: { ...env, DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: runUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
