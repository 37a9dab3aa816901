// The notes' reconciliation pass (issue 14): a note left pending or processing with no extraction
// job in Redis (its retries spent in a long outage, or Redis lost its data) is queued again by the
// worker and extracted once; a finished or failed note, or a young one, is left alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray, sql } from 'drizzle-orm';
import { events, notes, users } from '../../src/db/schema.js';
import { submitNote } from '../../src/notes/submitNote.js';
import { requeueNotes } from '../../src/notes/requeueNotes.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { eventually, sleep } from '../helpers/poll.js';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(async () => {
  await app?.stop();
});

/** A note written as the service writes it, whose job never reached the queue. */
async function strandedNote(doctorId: string, patientId: string, content: string) {
  const [author] = await app.ctx.db.select().from(users).where(eq(users.id, doctorId));
  const noEnqueue = { ...app.ctx, jobs: { ...app.ctx.jobs, enqueueExtraction: async () => {} } };
  const { note } = await submitNote(noEnqueue, author!, patientId, content);
  return note.id as string;
}

test('a note stuck in processing with no job is extracted again, once; others are left alone', async () => {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  const [stuck, failed, young] = [
    await strandedNote(doctor.id, patient.id, 'Take ibuprofen 400mg three times a day for 5 days.'),
    await strandedNote(doctor.id, patient.id, 'Take vitamin D once daily for 7 days.'),
    await strandedNote(doctor.id, patient.id, 'Drink more water.'),
  ];
  // Pending for a second only, with no job: between its commit and its enqueue, not stuck.
  const [born] = await app.ctx.db.select({ at: notes.createdAt }).from(notes).where(eq(notes.id, young));
  assert.equal(await requeueNotes(app.ctx, new Date(born!.at.getTime() + 1000)), 0, 'a young note is not stuck');
  // As an outage leaves them: claimed (processing) or failed a minute ago, their jobs gone.
  const aMinuteAgo = sql`now() - interval '1 minute'`;
  await app.ctx.db.update(notes).set({ status: 'processing', createdAt: aMinuteAgo }).where(eq(notes.id, stuck));
  await app.ctx.db.update(notes).set({ status: 'failed', createdAt: aMinuteAgo }).where(eq(notes.id, failed));

  const extracted = await eventually(
    'the stuck note is extracted',
    async () => {
      const [row] = await app.ctx.db.select({ status: notes.status }).from(notes).where(eq(notes.id, stuck));
      return row && ['ready', 'needs_review'].includes(row.status) ? row.status : null;
    },
    20_000,
  );
  assert.ok(extracted);
  await sleep(1500); // three more passes (every 500 ms in tests): none may extract it again
  const ready = await app.ctx.db
    .select({ type: events.type })
    .from(events)
    .where(eq(events.userId, patient.id))
    .then((rows) => rows.filter((r) => r.type === 'steps:ready'));
  assert.equal(ready.length, 1, 'steps:ready once for the stuck note');
  const rows = await app.ctx.db
    .select({ id: notes.id, status: notes.status })
    .from(notes)
    .where(inArray(notes.id, [failed]));
  assert.deepEqual(rows, [{ id: failed, status: 'failed' }], 'a failed note stays failed');
});
