// The plan follows the doctor's intent (DESIGN §7, issue "Prescriptions" 6): a note with an empty
// plan never touches the running one; 'replace' stops it, 'add' runs beside it; checklist items
// stay until done or removed. Black-box over HTTP and sockets, with a scripted extractor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import { planItems, reminders } from '../../src/db/schema.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { ScriptedExtractor } from '../helpers/extractors.js';
import { stepsOf } from '../helpers/steps.js';

const daily = (text: string) => ({ text, frequencyPerDay: 1, durationDays: 3 });
const script = new ScriptedExtractor({
  First: stepsOf({ plan: [daily('Take alphazol 10 mg')], checklist: [{ text: 'Book a follow-up' }] }),
  Chatty: stepsOf({}),
  Added: stepsOf({ plan: [daily('Take betazol 5 mg')] }),
  Replacing: stepsOf({ plan: [daily('Take gammazol 1 mg')] }),
  // 50 items, hourly for a year: 438 000 reminders from one note.
  Flood: stepsOf({
    plan: Array.from({ length: 50 }, (_, i) => ({ text: `Take drug ${i}`, frequencyPerDay: 12, durationDays: 365 })),
  }),
});
let team: CareTeam;

before(async () => {
  team = await buildCareTeam({}, { extractor: script });
});
after(async () => team?.stop());

async function write(content: string, mode?: 'replace' | 'add') {
  const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, {
    content,
    ...(mode ? { mode } : {}),
  });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  const noteId = res.body.note.id as string;
  return { noteId, ready: await team.ps.waitFor('steps:ready', (p) => p.noteId === noteId) };
}
const current = async () => (await team.patient.api.get(`/api/patients/${team.patient.id}/steps`)).body;
const texts = (items: Array<{ text: string; status: string }>) => items.map((i) => `${i.text}:${i.status}`).sort();

test('empty plan keeps, add runs beside, replace stops the plan; checklist items stay', async () => {
  const first = await write('First note. Alphazol daily for 3 days, book a follow-up.');
  assert.equal(first.ready.mode, 'replace');
  const alphazol = first.ready.plan[0].id;

  // A note with nothing to schedule: the running plan and its reminders are untouched.
  const chatty = await write('Chatty: how is the pain today? Drink plenty of water.');
  assert.deepEqual(chatty.ready.plan, []);
  let now = await current();
  assert.deepEqual(texts(now.plan), ['Take alphazol 10 mg:active']);
  assert.deepEqual(texts(now.checklist), ['Book a follow-up:open']);
  const live = await team.app.ctx.db
    .select()
    .from(reminders)
    .where(inArray(reminders.planItemId, [alphazol]));
  assert.ok(live.length > 0 && live.every((r) => r.status !== 'cancelled'), JSON.stringify(live.map((r) => r.status)));

  // 'add' (over the socket, as the composer sends it): both run.
  const ack = await team.ds.request('note:submit', {
    patientId: team.patient.id,
    content: 'Added betazol.',
    mode: 'add',
  });
  assert.equal(ack.ok, true, JSON.stringify(ack));
  await team.ps.waitFor('steps:ready', (p) => p.noteId === ack.note.id);
  now = await current();
  assert.deepEqual(texts(now.plan), ['Take alphazol 10 mg:active', 'Take betazol 5 mg:active']);

  // 'replace' (the default): the earlier items stop, both sides hear it; the checklist stays.
  const replacing = await write('Replacing note: gammazol only.');
  now = await current();
  assert.deepEqual(texts(now.plan), ['Take gammazol 1 mg:active']);
  assert.deepEqual(texts(now.checklist), ['Book a follow-up:open']);
  for (const s of [team.ps, team.ds])
    await s.waitFor('plan:cancelled', (p) => p.noteId === first.noteId && p.byNoteId === replacing.noteId);
  const stopped = await team.app.ctx.db
    .select()
    .from(reminders)
    .where(inArray(reminders.planItemId, [alphazol]));
  assert.ok(stopped.every((r) => r.status === 'cancelled' || r.status === 'taken' || r.status === 'missed'));
  assert.ok(!team.ps.events.some((e) => e.type === 'plan:cancelled' && e.payload.byNoteId === chatty.noteId));
});

test('a bad mode is 400 and writes no note', async () => {
  const before = (await team.doctor.api.get(`/api/patients/${team.patient.id}/notes`)).body.notes.length;
  const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, { content: 'x', mode: 'merge' });
  assert.equal(res.status, 400);
  assert.equal(res.body.error.code, 'VALIDATION_FAILED');
  const after = (await team.doctor.api.get(`/api/patients/${team.patient.id}/notes`)).body.notes.length;
  assert.equal(after, before);
});

test('an extraction that would flood the schedule fails with the reason, and writes no steps', async () => {
  const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, { content: 'Flood of items.' });
  assert.equal(res.status, 202);
  const failed = await team.ds.waitFor('steps:failed', (p) => p.noteId === res.body.note.id);
  assert.match(failed.reason, /would create 219000 reminders; one note may create at most 5000/);
  const [row] = await team.app.ctx.db.select().from(planItems).where(eq(planItems.noteId, res.body.note.id));
  assert.equal(row, undefined);
});
