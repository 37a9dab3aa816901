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
import { sleep } from '../helpers/poll.js';
import { connectSocket } from '../helpers/sockets.js';

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

test('events leave in commit order, even when the earlier unit is slower after its commit', async () => {
  const s = await connectSocket(app.url, patient.token);
  try {
    const cancel = (uow: Parameters<Parameters<typeof inTransaction>[1]>[0], noteId: string) =>
      uow.emit(
        patient.id,
        'plan:cancelled',
        { patientId: patient.id, noteId, byNoteId: noteId },
        { patientId: patient.id },
      );
    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
    await inTransaction(app.ctx, async (uow) => {
      cancel(uow, first);
      // The second unit commits after the first, while the first is still busy with its effects
      // (an enqueue that is slow): the first's event must still go out first.
      uow.afterCommit(async () => {
        await inTransaction(app.ctx, async (later) => cancel(later, second));
        await sleep(200);
      });
    });
    await s.waitFor('plan:cancelled', (p) => p.noteId === second);
    const seen = s.events.filter((e) => e.type === 'plan:cancelled').map((e) => e.payload);
    assert.deepEqual(
      seen.map((p) => p.noteId),
      [first, second],
    );
    assert.ok(seen[0].seq < seen[1].seq, 'seq order is commit order');
  } finally {
    s.close();
  }
});
