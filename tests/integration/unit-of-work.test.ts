// A unit of work that PostgreSQL aborts to break a deadlock is run again from nothing: what the
// failed attempt emitted, audited and queued was rolled back and is not repeated. Any other error
// goes to the caller at once. The database raises the real SQLSTATEs here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { events } from '../../src/db/schema.js';
import { inTransaction } from '../../src/events/unitOfWork.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createPatient, type TestUser } from '../helpers/factories.js';

let app: TestApp;
let patient: TestUser;
before(async () => {
  app = await startTestApp();
  patient = await createPatient(app.url);
});
after(() => app?.stop());

const raise = (code: string) => sql.raw(`do $$ begin raise exception 'test' using errcode = '${code}'; end $$`);

async function run(noteId: string, failFirstWith: string) {
  let attempts = 0;
  let effects = 0;
  const outcome = await inTransaction(app.ctx, async (uow) => {
    attempts++;
    uow.emit(
      patient.id,
      'plan:cancelled',
      { patientId: patient.id, noteId, byNoteId: noteId },
      { patientId: patient.id },
    );
    uow.afterCommit(async () => {
      effects++;
    });
    if (attempts === 1) await uow.tx.execute(raise(failFirstWith));
    return 'done';
  }).catch((err: Error) => err);
  const rows = await app.ctx.db
    .select()
    .from(events)
    .where(and(eq(events.userId, patient.id), sql`${events.payload}->>'noteId' = ${noteId}`));
  return { outcome, attempts, effects, rows: rows.length };
}

test('a deadlock or serialization failure: run again, one event, one effect', async () => {
  for (const code of ['40P01', '40001']) {
    const r = await run(crypto.randomUUID(), code);
    assert.deepEqual(r, { outcome: 'done', attempts: 2, effects: 1, rows: 1 }, code);
  }
});

test('any other error: not retried, nothing written, no effect', async () => {
  const r = await run(crypto.randomUUID(), '23505');
  assert.ok(r.outcome instanceof Error);
  assert.deepEqual({ attempts: r.attempts, effects: r.effects, rows: r.rows }, { attempts: 1, effects: 0, rows: 0 });
});
