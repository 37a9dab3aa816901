// Storage on both drivers in every run: PGlite in a temp dir, and node-postgres against the run's
// PostgreSQL (TEST_PG_URL, or a throwaway database made from TEST_DATABASE_URL). The same
// openDatabase() code path migrates (twice: idempotent) and round-trips users and assignments.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.js';
import { assignments, users } from '../../src/db/schema.js';
import { freshDatabase } from '../helpers/freshDatabase.js';

const journal = JSON.parse(
  readFileSync(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations/meta/_journal.json'),
    'utf8',
  ),
) as { entries: unknown[] };

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A brand-new database made from TEST_DATABASE_URL, dropped after the file. */
async function throwawayDb(): Promise<string> {
  const name = `carebeat_storage_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const db = await freshDatabase(process.env.TEST_DATABASE_URL!, name);
  cleanups.push(db.drop);
  return db.url;
}

/** The SQLSTATE of a driver error, which drizzle wraps in a DrizzleQueryError. */
const sqlState = (err: any): string | undefined => err?.code ?? err?.cause?.code;

const keys = { publicKey: 'pk', wrappedPrivateKey: 'wpk' };
const newUser = (role: 'doctor' | 'patient', email = `${role}-${randomUUID()}@storage.test`) => ({
  firebaseUid: `uid-${randomUUID()}`,
  role,
  name: `${role} ${email.slice(0, 8)}`,
  email,
  ...keys,
});

async function appliedMigrations(database: Database): Promise<number> {
  const res: any = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return (res.rows ?? res)[0].n;
}

async function roundTrip(database: Database): Promise<void> {
  // Migrating again changes nothing.
  assert.equal(await appliedMigrations(database), journal.entries.length);
  await database.migrate();
  assert.equal(await appliedMigrations(database), journal.entries.length);
  await database.ping();

  const [doctor] = await database.db.insert(users).values(newUser('doctor')).returning();
  const [patient] = await database.db.insert(users).values(newUser('patient')).returning();
  assert.match(doctor!.id, /^[0-9a-f-]{36}$/);
  assert.ok(doctor!.createdAt instanceof Date);
  await database.db.insert(assignments).values({ patientId: patient!.id, doctorId: doctor!.id });

  const [row] = await database.db
    .select({ patient: users.name, active: assignments.active, since: assignments.createdAt })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.patientId))
    .where(eq(assignments.doctorId, doctor!.id));
  assert.deepEqual({ patient: row!.patient, active: row!.active }, { patient: patient!.name, active: true });
  assert.ok(row!.since instanceof Date);

  // Unique email (also what signup's 409 relies on under a race).
  const dup = await database.db
    .insert(users)
    .values(newUser('patient', patient!.email))
    .then(
      () => null,
      (e) => e,
    );
  assert.ok(dup, 'duplicate email was accepted');
  assert.equal(sqlState(dup), '23505');

  // One active doctor per patient; ended assignments are history and may repeat.
  const second = await database.db
    .insert(assignments)
    .values({ patientId: patient!.id, doctorId: doctor!.id })
    .then(
      () => null,
      (e) => e,
    );
  assert.equal(sqlState(second), '23505');
  await database.db
    .update(assignments)
    .set({ active: false, endedAt: new Date() })
    .where(eq(assignments.patientId, patient!.id));
  await database.db.insert(assignments).values({ patientId: patient!.id, doctorId: doctor!.id });
  const history = await database.db.select().from(assignments).where(eq(assignments.patientId, patient!.id));
  assert.equal(history.length, 2);
  const active = await database.db
    .select()
    .from(assignments)
    .where(and(eq(assignments.patientId, patient!.id), eq(assignments.active, true)));
  assert.equal(active.length, 1);

  // A failed transaction leaves nothing behind.
  const email = `tx-${randomUUID()}@storage.test`;
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await tx.insert(users).values(newUser('doctor', email));
      await tx.insert(users).values(newUser('doctor', email));
    }),
  );
  assert.equal((await database.db.select().from(users).where(eq(users.email, email))).length, 0);
}

test('PGlite in a temp dir: migrations (twice) and a round trip; data survives a reopen', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'carebeat-storage-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  let database = await openDatabase({ dataDir: dir });
  assert.equal(database.driver, 'pglite');
  try {
    await roundTrip(database);
  } finally {
    await database.close();
  }
  database = await openDatabase({ dataDir: dir });
  try {
    const count = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
    assert.ok(count[0]!.n >= 2, 'rows persisted in DATA_DIR');
    assert.equal(await appliedMigrations(database), journal.entries.length);
  } finally {
    await database.close();
  }
});

if (process.env.TEST_PG_URL || process.env.TEST_DATABASE_URL) {
  test('node-postgres: migrations (twice) and a round trip', async () => {
    const url = process.env.TEST_PG_URL ?? (await throwawayDb());
    const database = await openDatabase({ databaseUrl: url, dataDir: os.tmpdir() });
    assert.equal(database.driver, 'pg');
    try {
      await roundTrip(database);
    } finally {
      await database.close();
    }
  });
}

if (process.env.TEST_DATABASE_URL) {
  test('node-postgres: processes starting together on an empty database migrate once (advisory lock)', async () => {
    const url = await throwawayDb();
    const dbs = await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl: url, dataDir: os.tmpdir() })));
    try {
      for (const d of dbs) assert.equal(await appliedMigrations(d), journal.entries.length);
      await dbs[0]!.db.insert(users).values(newUser('doctor'));
    } finally {
      await Promise.all(dbs.map((d) => d.close()));
    }
  });
}
