// Doctor review, end to end (DESIGN §7): unclear parts and high-alert schedules wait for the
// doctor (needs_review, `steps:review` to the doctor only), clear items start, the patient sees
// the waiting ones as drafts; POST /api/notes/:id/steps/confirm (or `steps:confirm`) starts them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { reminders } from '../../src/db/schema.js';
import { timing } from '../../src/extraction/schema.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { ScriptedExtractor } from '../helpers/extractors.js';
import { createDoctor, type TestUser } from '../helpers/factories.js';
import { stepsOf } from '../helpers/steps.js';

const weekly = timing({ frequency: 1, period: 1, periodUnit: 'wk', durationDays: 84 });
const script = new ScriptedExtractor({
  Unclear: stepsOf({
    plan: [{ text: 'Take amoxicillin 500 mg', frequencyPerDay: 3, durationDays: 5 }],
    unclear: [{ source: 'and something for the itch', reason: 'no drug or schedule stated' }],
  }),
  Weekly: stepsOf({
    plan: [
      { text: 'Take methotrexate 15 mg', asNeeded: false, timing: weekly, source: 'Methotrexate 15 mg once weekly' },
      { text: 'Take folic acid 5 mg', frequencyPerDay: 1, durationDays: 7 },
    ],
  }),
  Plain: stepsOf({ plan: [{ text: 'Take cetirizine 10 mg', frequencyPerDay: 1, durationDays: 5 }] }),
});
let team: CareTeam;
let stranger: TestUser;

before(async () => {
  team = await buildCareTeam({}, { extractor: script });
  stranger = await createDoctor(team.app.url);
});
after(async () => team?.stop());

async function write(content: string) {
  const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, { content });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  const noteId = res.body.note.id as string;
  return { noteId, ready: await team.ps.waitFor('steps:ready', (p) => p.noteId === noteId) };
}
const confirm = (u: TestUser, noteId: string) => u.api.post(`/api/notes/${noteId}/steps/confirm`, {});
const remindersOf = (planItemId: string) =>
  team.app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, planItemId));

test('an unclear part: clear items start, the doctor reviews, dismissing it makes the note ready', async () => {
  const { noteId, ready } = await write('Unclear note: amoxicillin 500 mg tds 5/7 and something for the itch.');
  assert.equal(ready.status, 'needs_review');
  assert.deepEqual(
    ready.plan.map((p: any) => p.status),
    ['active'],
  );
  const review = await team.ds.waitFor('steps:review', (p) => p.noteId === noteId);
  assert.deepEqual(
    review.unclear.map((u: any) => [u.source, u.reason]),
    [['and something for the itch', 'no drug or schedule stated']],
  );
  assert.ok(!team.ps.events.some((e) => e.type === 'steps:review'), 'the patient gets no steps:review');
  // Dismissed: the same steps, no unclear parts left.
  const body = {
    checklist: [],
    plan: ready.plan.map((p: any) => ({
      id: p.id,
      text: p.text,
      asNeeded: p.asNeeded,
      timing: p.timing,
      source: p.source,
    })),
    unclear: [],
  };
  const res = await team.doctor.api.put(`/api/notes/${noteId}/steps`, body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.status, 'ready');
  assert.deepEqual(res.body.unclear, []);
  assert.equal(res.body.plan[0].id, ready.plan[0].id, 'edited in place');
});

test('a high-alert weekly drug waits as a draft, with no reminders, until the doctor confirms', async () => {
  const { noteId, ready } = await write('Weekly note: methotrexate 15 mg once weekly, folic acid daily x 7/7.');
  assert.equal(ready.status, 'needs_review');
  const [mtx, folic] = ready.plan;
  assert.equal(mtx.status, 'draft', 'methotrexate waits');
  assert.equal(folic.status, 'active', 'folic acid starts');
  assert.equal((await remindersOf(mtx.id)).length, 0);
  const seen = await team.patient.api.get(`/api/patients/${team.patient.id}/steps`);
  assert.equal(seen.body.plan.find((p: any) => p.id === mtx.id).status, 'draft');

  for (const u of [stranger, team.patient]) assert.equal((await confirm(u, noteId)).status, 403, u.role);
  const ok = await confirm(team.doctor, noteId);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.status, 'ready');
  assert.equal(ok.body.plan.find((p: any) => p.id === mtx.id).status, 'active');
  assert.equal((await remindersOf(mtx.id)).length, 12, '12 weekly doses');
  const changed = await team.ps.waitFor('plan:changed', (p) => p.noteId === noteId);
  assert.deepEqual(changed.changes.changed, [mtx.id]);
  const again = await confirm(team.doctor, noteId);
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'NOTHING_TO_CONFIRM');
});

test('"review before start": every item waits; confirming over the socket starts them', async () => {
  const pref = await team.doctor.api.put('/api/me/preferences', { reviewBeforeStart: true });
  assert.deepEqual([pref.status, pref.body], [200, { reviewBeforeStart: true }]);
  assert.equal((await team.patient.api.put('/api/me/preferences', { reviewBeforeStart: true })).status, 403);
  assert.equal((await team.doctor.api.put('/api/me/preferences', { reviewBeforeStart: 'yes' })).status, 400);
  const { noteId, ready } = await write('Plain note: cetirizine 10 mg od x 5/7.');
  assert.equal(ready.status, 'needs_review');
  assert.deepEqual(
    ready.plan.map((p: any) => p.status),
    ['draft'],
  );
  const ack = await team.ds.request('steps:confirm', { noteId });
  assert.equal(ack.ok, true, JSON.stringify(ack));
  assert.equal(ack.plan[0].status, 'active');
  assert.equal((await remindersOf(ready.plan[0].id)).length, 5);
  await team.doctor.api.put('/api/me/preferences', { reviewBeforeStart: false });
});

test('a correction of a waiting note, then the confirmation, starts the edited items', async () => {
  const { noteId, ready } = await write('Weekly note: methotrexate 15 mg once weekly, folic acid daily x 7/7.');
  const [mtx, folic] = ready.plan;
  const onMonday = { ...mtx.timing, dayOfWeek: ['mon'] };
  const body = {
    checklist: [],
    plan: [
      { id: mtx.id, text: mtx.text, asNeeded: false, timing: onMonday, source: mtx.source },
      { id: folic.id, text: folic.text, asNeeded: false, timing: folic.timing, source: folic.source },
    ],
    unclear: [],
  };
  const corrected = await team.doctor.api.put(`/api/notes/${noteId}/steps`, body);
  assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
  assert.equal(corrected.body.status, 'needs_review', 'the weekly drug still waits');
  const ok = await confirm(team.doctor, noteId);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(
    ok.body.plan.map((p: any) => [p.id, p.status, p.timing.dayOfWeek]),
    [
      [mtx.id, 'active', ['mon']],
      [folic.id, 'active', []],
    ],
  );
});

test('an active daily item corrected to weekly waits again, keeps its doses, and confirms without clashing', async () => {
  const { noteId, ready } = await write('Plain note: cetirizine 10 mg od x 5/7.');
  const [item] = ready.plan;
  assert.equal(item.status, 'active');
  const weekly4 = timing({ frequency: 1, period: 1, periodUnit: 'wk', durationDays: 28 });
  const body = {
    checklist: [],
    plan: [{ id: item.id, text: item.text, asNeeded: false, timing: weekly4, source: item.source }],
  };
  const corrected = await team.doctor.api.put(`/api/notes/${noteId}/steps`, body);
  assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
  assert.deepEqual([corrected.body.status, corrected.body.plan[0].status], ['needs_review', 'draft']);
  assert.equal(
    (await remindersOf(item.id)).filter((r) => r.status === 'scheduled').length,
    0,
    'nothing reminded meanwhile',
  );
  const ok = await confirm(team.doctor, noteId);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(
    [ok.body.plan[0].id, ok.body.plan[0].status, ok.body.plan[0].requiredCheckins],
    [item.id, 'active', 4],
  );
  assert.equal((await remindersOf(item.id)).filter((r) => r.status === 'scheduled').length, 4);
});
