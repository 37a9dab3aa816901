// Migration 0005 (plans v2) on a database holding v1 rows: every v1 plan item becomes an N-per-1-day
// timing with its duration, v1's "cancelled" becomes v2's "stopped"/"removed", nothing is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const dir = path.resolve('src/db/migrations');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.sql'))
  .sort();
const apply = async (db: PGlite, file: string) => db.exec(readFileSync(path.join(dir, file), 'utf8'));

test('0005 turns v1 plan items into timings and keeps their counts', async () => {
  const db = new PGlite();
  const v2 = files.findIndex((f) => f.startsWith('0005_'));
  assert.ok(v2 > 0, 'migration 0005 exists');
  for (const f of files.slice(0, v2)) await apply(db, f);
  const [doctor, patient, note] = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
  await db.exec(`
    insert into users (id, firebase_uid, role, name, email, public_key, wrapped_private_key) values
      ('${doctor}', 'fd', 'doctor', 'D', 'd@x', 'k', 'w'), ('${patient}', 'fp', 'patient', 'P', 'p@x', 'k', 'w');
    insert into notes (id, patient_id, doctor_id, ciphertext, iv, tag, wrapped_keys, status)
      values ('${note}', '${patient}', '${doctor}', 'c', 'i', 't', '{}', 'ready');
    insert into plan_items (id, note_id, patient_id, ciphertext, iv, tag, position, frequency_per_day, duration_days,
        required_checkins, completed_checkins, missed_count, interval_ms, status, starts_at) values
      ('00000000-0000-4000-8000-0000000000a1', '${note}', '${patient}', 'c', 'i', 't', 0, 3, 7, 21, 4, 1, 28800000, 'active', now()),
      ('00000000-0000-4000-8000-0000000000a2', '${note}', '${patient}', 'c', 'i', 't', 1, 1, 5, 5, 0, 0, 86400000, 'cancelled', now());
    insert into checklist_items (id, note_id, patient_id, ciphertext, iv, tag, position, status) values
      ('00000000-0000-4000-8000-0000000000b1', '${note}', '${patient}', 'c', 'i', 't', 0, 'cancelled'),
      ('00000000-0000-4000-8000-0000000000b2', '${note}', '${patient}', 'c', 'i', 't', 1, 'done');`);
  await apply(db, files[v2]!);
  const plan = await db.query<{
    timing: unknown;
    status: string;
    required_checkins: number;
    completed_checkins: number;
  }>('select timing, status, required_checkins, completed_checkins from plan_items order by position');
  assert.deepEqual(plan.rows, [
    {
      timing: {
        frequency: 3,
        period: 1,
        periodUnit: 'd',
        dayOfWeek: [],
        timeOfDay: [],
        when: [],
        durationDays: 7,
        startDay: 0,
      },
      status: 'active',
      required_checkins: 21,
      completed_checkins: 4,
    },
    {
      timing: {
        frequency: 1,
        period: 1,
        periodUnit: 'd',
        dayOfWeek: [],
        timeOfDay: [],
        when: [],
        durationDays: 5,
        startDay: 0,
      },
      status: 'stopped',
      required_checkins: 5,
      completed_checkins: 0,
    },
  ]);
  const cl = await db.query<{ status: string }>('select status from checklist_items order by position');
  assert.deepEqual(
    cl.rows.map((r) => r.status),
    ['removed', 'done'],
  );
  const modes = await db.query<{ mode: string }>('select mode from notes');
  assert.deepEqual(modes.rows, [{ mode: 'replace' }]);
  await db.close();
});
