// PUT /api/notes/:noteId/steps: the note's doctor replaces what the extractor produced (clinical
// safety), with the extraction schema, and the plan is re-made.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { reminders, planItems } from '../../src/db/schema.js';
import { RulesExtractor } from '../../src/extraction/index.js';
import { GatedExtractor } from '../helpers/extractors.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';

let app: TestApp;
let doctor: TestUser, patient: TestUser, otherDoctor: TestUser;
let ds: TestSocket, ps: TestSocket;
let noteId: string;
let extracted: any;
// The real rules extractor, held at a gate when a test needs a note mid-extraction.
const gated = new GatedExtractor(new RulesExtractor());

const CORRECTED = {
  checklist: [{ text: 'Collect the zyloprimaxol refill from the pharmacy' }],
  plan: [{ text: 'Take zyloprimaxol 50mg with food', frequencyPerDay: 3, durationDays: 2 }],
};

before(async () => {
  app = await startTestApp({}, { extractor: gated });
  doctor = await createDoctor(app.url);
  patient = await createPatient(app.url, { doctor });
  otherDoctor = await createDoctor(app.url);
  ds = await connectSocket(app.url, doctor.token);
  ps = await connectSocket(app.url, patient.token);
  const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, {
    content: 'Take zyloprimaxol 100mg twice daily for 3 days. Buy a thermometer.',
  });
  noteId = res.body.note.id;
  extracted = await ps.waitFor('steps:ready', (p) => p.noteId === noteId);
  assert.equal(extracted.plan[0].requiredCheckins, 6);
});
after(async () => {
  ds?.close();
  ps?.close();
  await app?.stop();
});

const put = (u: TestUser, id: string, body: unknown) => u.api.put(`/api/notes/${id}/steps`, body);

test('invalid corrections are 400 and change nothing', async () => {
  const bad: unknown[] = [
    { ...CORRECTED, plan: [{ ...CORRECTED.plan[0], frequencyPerDay: 0 }] },
    { ...CORRECTED, plan: [{ ...CORRECTED.plan[0], frequencyPerDay: 25 }] },
    { ...CORRECTED, plan: [{ ...CORRECTED.plan[0], durationDays: 366 }] },
    { ...CORRECTED, plan: [{ ...CORRECTED.plan[0], frequencyPerDay: 1.5 }] },
    { ...CORRECTED, plan: [{ ...CORRECTED.plan[0], dose: '50mg' }] },
    { ...CORRECTED, checklist: [{ text: '' }] },
    { ...CORRECTED, reason: 'typo' },
    { checklist: CORRECTED.checklist },
    [CORRECTED],
  ];
  for (const body of bad) {
    const res = await put(doctor, noteId, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
  }
  const steps = await doctor.api.get(`/api/patients/${patient.id}/steps`);
  assert.deepEqual(
    steps.body.plan.map((p: any) => p.id),
    extracted.plan.map((p: any) => p.id),
  );
  assert.equal(steps.body.extractor, 'rules');
});

test('another doctor and the patient get 403, an unknown note 404', async () => {
  for (const u of [otherDoctor, patient]) {
    const res = await put(u, noteId, CORRECTED);
    assert.equal(res.status, 403, u.role);
    assert.equal(res.body.error.code, 'FORBIDDEN');
  }
  const missing = await put(doctor, randomUUID(), CORRECTED);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'NOT_FOUND');
  assert.equal((await put(doctor, 'nope', CORRECTED)).status, 400);
});

test("the note's doctor replaces the steps: 200 steps view, steps:ready to both, old plan cancelled, new one planned", async () => {
  const res = await put(doctor, noteId, CORRECTED);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const view = res.body;
  assert.deepEqual([view.noteId, view.status, view.extractor, view.model], [noteId, 'ready', 'doctor', null]);
  assert.deepEqual(
    view.checklist.map((i: any) => [i.text, i.done]),
    [[CORRECTED.checklist[0]!.text, false]],
  );
  assert.deepEqual(
    view.plan.map((p: any) => [p.text, p.frequencyPerDay, p.durationDays, p.requiredCheckins, p.status]),
    [[CORRECTED.plan[0]!.text, 3, 2, 6, 'active']],
  );

  for (const s of [ds, ps]) {
    const ev = await s.waitFor('steps:ready', (p) => p.noteId === noteId && p.extractor === 'doctor');
    assert.deepEqual(
      ev.plan.map((p: any) => p.id),
      view.plan.map((p: any) => p.id),
    );
    assert.equal(ev.plan[0].text, CORRECTED.plan[0]!.text);
    assert.equal(ev.model, null);
  }

  const oldIds = extracted.plan.map((p: any) => p.id);
  const old = await app.ctx.db.select().from(planItems).where(inArray(planItems.id, oldIds));
  assert.deepEqual(
    old.map((p) => p.status),
    ['cancelled'],
  );
  const oldOcc = await app.ctx.db.select().from(reminders).where(inArray(reminders.planItemId, oldIds));
  assert.equal(oldOcc.length, 6);
  assert.ok(
    oldOcc.every((o) => o.status === 'cancelled'),
    JSON.stringify(oldOcc.map((o) => o.status)),
  );
  const fresh = await app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, view.plan[0].id));
  assert.equal(fresh.length, 6);
  assert.ok(fresh.every((o) => o.status === 'scheduled'));
  const due = fresh.map((o) => o.dueAt.getTime()).sort((a, b) => a - b);
  assert.equal(due[1]! - due[0]!, Math.floor(app.config.scheduleDayMs / 3), 'spaced day / frequencyPerDay apart');

  const steps = await patient.api.get(`/api/patients/${patient.id}/steps`);
  assert.deepEqual(
    steps.body.plan.map((p: any) => p.id),
    view.plan.map((p: any) => p.id),
  );
  assert.equal(steps.body.extractor, 'doctor');
  const notes = await patient.api.get(`/api/patients/${patient.id}/notes`);
  assert.equal(notes.body.notes[0].extractor, 'doctor');
});

test('409 while a note is still being extracted, and for a plan a newer note replaced', async () => {
  gated.hold();
  const entered = gated.nextCall();
  const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, {
    content: 'Apply quendravex cream once daily for 5 days.',
  });
  const newer = res.body.note.id;
  await entered;
  try {
    const early = await put(doctor, newer, CORRECTED);
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'NOTE_NOT_READY');
  } finally {
    gated.release();
  }
  await ds.waitFor('steps:ready', (p) => p.noteId === newer);
  const superseded = await put(doctor, noteId, CORRECTED);
  assert.equal(superseded.status, 409);
  assert.equal(superseded.body.error.code, 'PLAN_SUPERSEDED');
  assert.equal((await put(doctor, newer, CORRECTED)).status, 200);
});
