// Steps stored out of order. A note's steps are born cancelled only when a newer note of the SAME
// patient is already ready. Another patient's newer note must not count: it once did, because the
// check compared the subquery's patient_id with itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { notes, planItems, users } from '../../src/db/schema.js';
import { stepsOf } from '../helpers/steps.js';
import { inTransaction } from '../../src/events/unitOfWork.js';
import { submitNote } from '../../src/notes/submitNote.js';
import { storeSteps } from '../../src/steps/storeSteps.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app?.stop());

const plan = (text: string) => ({
  steps: stepsOf({ plan: [{ text, frequencyPerDay: 1, durationDays: 2 }] }),
  holds: [],
});

async function writeNote(doctorId: string, patientId: string, content: string) {
  const [author] = await app.ctx.db.select().from(users).where(eq(users.id, doctorId));
  // No extraction job: this test stores the steps itself, in the order it chooses.
  const ctx = { ...app.ctx, jobs: { ...app.ctx.jobs, enqueueExtraction: async () => {} } };
  return (await submitNote(ctx, author!, patientId, content)).note.id;
}

const store = (noteId: string, text: string) =>
  inTransaction(app.ctx, (uow) => storeSteps(app.ctx, uow, noteId, plan(text), { extractor: 'doctor', model: null }));

const statusOf = async (noteId: string) =>
  (await app.ctx.db.select({ status: planItems.status }).from(planItems).where(eq(planItems.noteId, noteId))).map(
    (r) => r.status,
  );

test("another patient's newer ready note leaves this note's steps active", async () => {
  const doctor = await createDoctor(app.url);
  const a = await createPatient(app.url, { doctor });
  const b = await createPatient(app.url, { doctor });
  const older = await writeNote(doctor.id, a.id, 'Take vitamin C once daily for 2 days.');
  const newer = await writeNote(doctor.id, b.id, 'Take zinc once daily for 2 days.');
  await store(newer, 'Take zinc');
  await store(older, 'Take vitamin C');
  assert.deepEqual(await statusOf(older), ['active']);
  assert.deepEqual(await statusOf(newer), ['active']);
});

test("the same patient's newer ready note wins: the older note's plan items are born stopped", async () => {
  const doctor = await createDoctor(app.url);
  const a = await createPatient(app.url, { doctor });
  const older = await writeNote(doctor.id, a.id, 'Take vitamin C once daily for 2 days.');
  const newer = await writeNote(doctor.id, a.id, 'Take zinc once daily for 2 days.');
  await store(newer, 'Take zinc');
  await store(older, 'Take vitamin C');
  assert.deepEqual(await statusOf(older), ['stopped']);
  assert.deepEqual(await statusOf(newer), ['active']);
  const [row] = await app.ctx.db.select({ status: notes.status }).from(notes).where(eq(notes.id, older));
  assert.equal(row!.status, 'ready');
});
