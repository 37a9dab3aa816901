// One code path for both drivers: node-postgres when DATABASE_URL is set, PGlite (real Postgres in
// WASM) in DATA_DIR otherwise. Both are drizzle PgDatabase instances over the same schema.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: services accept both so callers can compose. */
export type DbOrTx = Db | Tx;

/** The rows of a raw `db.execute(sql…)`: node-postgres and PGlite both answer `{ rows }`. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export interface Database {
  db: Db;
  driver: 'pg' | 'pglite';
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK = 727_001;

export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  migrate?: boolean;
}): Promise<Database> {
  const database = opts.databaseUrl ? await openPg(opts.databaseUrl) : await openPglite(opts.dataDir);
  // A failed first migration (the server not up yet) must not leak the pool: start retries.
  if (opts.migrate !== false)
    await database.migrate().catch(async (err) => {
      await database.close().catch(() => {});
      throw err;
    });
  return database;
}

async function openPg(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => {});
  // Nor one on a checked-out client: a backend terminated (pg_terminate_backend, a server
  // restart) while its transaction waits between queries emits 'error' on the client, which the
  // pool only listens to while idle, and crashed API and worker processes. The query in flight,
  // or the next one, rejects on its own and becomes a 503 (errors.ts databaseUnavailable).
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pg',
    migrate: async () => {
      // Several API/worker processes may start together: serialise their migrations on one
      // connection holding a session advisory lock.
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migrate(drizzle(client), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = path.resolve(dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    migrate: async () => {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(drizzle(client), { migrationsFolder });
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}
