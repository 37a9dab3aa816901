// PUT /api/notes/:noteId/steps: the note's doctor corrects the steps in place (DESIGN §7). Named
// items keep their id and every dose on record; new ones are added, left-out ones removed or
// stopped; the plan's counts stay true; invalid corrections change nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { checklistItems, reminders } from '../../src/db/schema.js';
import { RulesExtractor } from '../../src/extraction/index.js';
import { timing } from '../../src/extraction/schema.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { GatedExtractor } from '../helpers/extractors.js';
import { buildPlan, createDoctor, type TestUser } from '../helpers/factories.js';

const gated = new GatedExtractor(new RulesExtractor());
let team: CareTeam;
let otherDoctor: TestUser;
let plan: Awaited<ReturnType<typeof buildPlan>>;

const fiveDays = timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 5 });
const item = (t = fiveDays, id?: string) => ({
  ...(id ? { id } : {}),
  text: 'Take nitrofurantoin 50 mg',
  asNeeded: false,
  timing: t,
  source: '',
});
const put = (u: TestUser, id: string, body: unknown) => u.api.put(`/api/notes/${id}/steps`, body);
const rows = (planItemId: string) =>
  team.app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, planItemId)).orderBy(asc(reminders.seq));

before(async () => {
  team = await buildCareTeam({}, { extractor: gated });
  otherDoctor = await createDoctor(team.app.url);
  plan = await buildPlan(team, {
    items: [item()],
    checklist: [{ text: 'Buy a pill box', dueInDays: null, source: '' }],
    content: 'Zyloprimaxol 50 mg once daily for 5 days. Buy a pill box.',
  });
});
after(async () => team?.stop());

test('invalid corrections are 400 and change nothing', async () => {
  const id = plan.plan[0]!.id;
  const bad: unknown[] = [
    { checklist: [], plan: [item({ ...fiveDays, frequency: 0 }, id)] },
    { checklist: [], plan: [item({ ...fiveDays, frequency: 25 }, id)] },
    { checklist: [], plan: [item({ ...fiveDays, durationDays: 366 }, id)] },
    { checklist: [], plan: [item({ ...fiveDays, frequency: 1.5 }, id)] },
    { checklist: [], plan: [item({ ...fiveDays, periodUnit: 'fortnight' } as never, id)] },
    { checklist: [], plan: [item({ ...fiveDays, timeOfDay: ['25:00'] }, id)] },
    { checklist: [], plan: [{ ...item(fiveDays, id), timing: null }] },
    { checklist: [], plan: [{ ...item(fiveDays, id), dose: '50mg' }] },
    { checklist: [], plan: [item(fiveDays, 'not-a-uuid')] },
    { checklist: [{ text: '', dueInDays: null, source: '' }], plan: [] },
    { checklist: [], plan: [], reason: 'typo' },
    { checklist: [] },
    [],
  ];
  for (const body of bad) {
    const res = await put(team.doctor, plan.noteId, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
  }
  // Schedules the patient's clock would reshape are refused with the reason, not set aside.
  const unkept: Array<[Partial<typeof fiveDays>, RegExp]> = [
    [{ frequency: 24 }, /24 times a day does not fit the waking day/],
    [{ frequency: 10, periodUnit: 'wk' }, /10 times a week is not a whole number of doses a day/],
    [{ frequency: 3, period: 2 }, /3 times every 2 days is not a whole number/],
    [{ frequency: 14, periodUnit: 'wk', timeOfDay: ['08:00'] }, /2 a day but 1 times of day/],
  ];
  for (const [change, reason] of unkept) {
    const res = await put(team.doctor, plan.noteId, { checklist: [], plan: [item({ ...fiveDays, ...change }, id)] });
    assert.equal(res.status, 400, JSON.stringify(change));
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
    const detail = res.body.error.details.find((d: any) => d.path === 'plan.0.timing');
    assert.match(detail?.message ?? '', reason);
  }
  const steps = await team.doctor.api.get(`/api/patients/${team.patient.id}/steps`);
  assert.deepEqual(
    steps.body.plan.map((p: any) => [p.id, p.status, p.timing.durationDays]),
    [[id, 'active', 5]],
  );
});

test('another doctor and the patient get 403, an unknown note 404, a bad id 400', async () => {
  const body = { checklist: [], plan: [] };
  for (const u of [otherDoctor, team.patient]) {
    const res = await put(u, plan.noteId, body);
    assert.equal(res.status, 403, u.role);
    assert.equal(res.body.error.code, 'FORBIDDEN');
  }
  assert.equal((await put(team.doctor, randomUUID(), body)).status, 404);
  assert.equal((await put(team.doctor, 'nope', body)).status, 400);
});

test('5 days → 7 in place: the dose taken stays taken and counted, 1/5 becomes 1/7', async () => {
  const id = plan.plan[0]!.id;
  const due = await team.ps.waitFor('dose:due', (p) => p.dose.planItemId === id, 10_000);
  const taken = await team.patient.api.post(`/api/reminders/${due.dose.id}/checkin`);
  assert.equal(taken.status, 200, JSON.stringify(taken.body));
  const seven = { ...fiveDays, durationDays: 7 };
  const res = await put(team.doctor, plan.noteId, {
    checklist: [{ text: 'Book a review in 2 weeks', dueInDays: 14, source: '' }],
    plan: [item(seven, id)],
    unclear: [],
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const [edited] = res.body.plan;
  assert.deepEqual(
    [edited.id, edited.status, edited.completedCheckins, edited.requiredCheckins, edited.timing.durationDays],
    [id, 'active', 1, 7, 7],
  );
  assert.equal(res.body.extractor, 'doctor');
  const after = await rows(id);
  assert.equal(after.find((r) => r.id === due.dose.id)?.status, 'taken', 'the taken dose stays on record');
  assert.equal(after.filter((r) => r.status === 'cancelled').length, 0, 'nothing shown as cancelled');
  assert.equal(after.filter((r) => r.status === 'scheduled').length, 6, 'six still to come');
  // The checklist: the old item removed (not cancelled by a note), the new one due in 14 days.
  const cl = await team.app.ctx.db.select().from(checklistItems).where(eq(checklistItems.noteId, plan.noteId));
  assert.deepEqual(cl.map((c) => c.status).sort(), ['open', 'removed']);
  for (const s of [team.ds, team.ps]) {
    const ev = await s.waitFor('plan:changed', (p) => p.noteId === plan.noteId && p.changes.changed.includes(id));
    assert.equal(ev.changes.removed.length, 1);
    assert.equal(ev.changes.added.length, 1);
    assert.equal(ev.plan[0].text, 'Take nitrofurantoin 50 mg');
  }
});

test('over the socket: steps:correct is the same command, with the same refusals', async () => {
  const id = plan.plan[0]!.id;
  const bad = await team.ds.request('steps:correct', { noteId: plan.noteId, steps: { checklist: [], plan: [] }, x: 1 });
  assert.equal(bad.error.code, 'VALIDATION_FAILED');
  const denied = await team.ps.request('steps:correct', { noteId: plan.noteId, steps: { checklist: [], plan: [] } });
  assert.equal(denied.error.code, 'FORBIDDEN');
  const steps = { checklist: [], plan: [item({ ...fiveDays, durationDays: 7 }, id)], unclear: [] };
  const ack = await team.ds.request('steps:correct', { noteId: plan.noteId, steps });
  assert.equal(ack.ok, true, JSON.stringify(ack));
  assert.deepEqual(
    ack.plan.map((p: any) => [p.id, p.completedCheckins, p.requiredCheckins]),
    [[id, 1, 7]],
  );
});

test('a correction that would create too many reminders is 400 and changes nothing', async () => {
  const hourly = timing({ frequency: 1, period: 1, periodUnit: 'h', durationDays: 365 });
  const res = await put(team.doctor, plan.noteId, { checklist: [], plan: [item(hourly)], unclear: [] });
  assert.equal(res.status, 400);
  assert.equal(res.body.error.code, 'TOO_MANY_REMINDERS');
  const steps = await team.doctor.api.get(`/api/patients/${team.patient.id}/steps`);
  assert.deepEqual(
    steps.body.plan.map((p: any) => p.timing.durationDays),
    [7],
  );
});

test('409 while a note is still being extracted, and for a plan a newer note replaced', async () => {
  gated.hold();
  const entered = gated.nextCall();
  const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, {
    content: 'Apply clotrimazole cream once daily for 5 days.',
  });
  const newer = res.body.note.id;
  await entered;
  const body = { checklist: [], plan: [item()], unclear: [] };
  try {
    const early = await put(team.doctor, newer, body);
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'NOTE_NOT_READY');
  } finally {
    gated.release();
  }
  await team.ds.waitFor('steps:ready', (p) => p.noteId === newer);
  const superseded = await put(team.doctor, plan.noteId, body);
  assert.equal(superseded.status, 409);
  assert.equal(superseded.body.error.code, 'PLAN_SUPERSEDED');
});
