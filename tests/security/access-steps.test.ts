// A correction changes the patient's live plan, so only the note's author while still the
// patient's current doctor may make one (src/policies.ts canCorrectSteps). A doctor the patient
// has left gets 403 FORBIDDEN and nothing is written: no steps, no events, no audit entry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, events, planItems } from '../../src/db/schema.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { buildPlan } from '../helpers/factories.js';
import { createDoctor, type TestUser } from '../helpers/factories.js';
import { stepsOf } from '../helpers/steps.js';

let team: CareTeam;
let newDoctor: TestUser;
let plan: Awaited<ReturnType<typeof buildPlan>>;

const CORRECTED = stepsOf({
  checklist: [{ text: 'Collect the refill' }],
  plan: [{ text: 'Take nitrofurantoin 50mg with food', frequencyPerDay: 3, durationDays: 2 }],
});

before(async () => {
  team = await buildCareTeam();
  plan = await buildPlan(team, {
    items: [{ text: 'Take nitrofurantoin 100mg', frequencyPerDay: 2, durationDays: 3 }],
    firstDueAt: new Date(Date.now() + 3_600_000),
  });
  newDoctor = await createDoctor(team.app.url);
  const moved = await team.patient.api.put('/api/me/doctor', { doctorId: newDoctor.id });
  assert.equal(moved.status, 200);
});
after(() => team?.stop());

const eventCount = async (userId: string) =>
  (await team.app.ctx.db.select({ id: events.id }).from(events).where(eq(events.userId, userId))).length;

test('a doctor the patient left cannot correct their note: 403, plan, events and audit unchanged', async () => {
  const { db } = team.app.ctx;
  const before = { author: await eventCount(team.doctor.id), patient: await eventCount(team.patient.id) };
  // Over HTTP; the socket has no correction command (docs/POLICIES.md).
  const res = await team.doctor.api.put(`/api/notes/${plan.noteId}/steps`, CORRECTED);
  assert.equal(res.status, 403);
  assert.equal(res.body.error.code, 'FORBIDDEN');
  const items = await db.select().from(planItems).where(eq(planItems.noteId, plan.noteId));
  assert.deepEqual(
    items.map((i) => [i.id, i.status]),
    plan.plan.map((p) => [p.id, 'active']),
  );
  const steps = await team.patient.api.get(`/api/patients/${team.patient.id}/steps`);
  assert.deepEqual(
    steps.body.plan.map((p: any) => p.text),
    ['Take nitrofurantoin 100mg'],
  );
  assert.equal(await eventCount(team.doctor.id), before.author);
  assert.equal(await eventCount(team.patient.id), before.patient);
  const audited = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'steps.correct'), eq(auditLog.subject, `note:${plan.noteId}`)));
  assert.equal(audited.length, 0);
});

test("the patient's new doctor did not write the note: 403 as well", async () => {
  const res = await newDoctor.api.put(`/api/notes/${plan.noteId}/steps`, CORRECTED);
  assert.equal(res.status, 403);
  assert.equal(res.body.error.code, 'FORBIDDEN');
  const ids = plan.plan.map((p) => p.id);
  const rows = await team.app.ctx.db.select().from(planItems).where(inArray(planItems.id, ids));
  assert.ok(rows.every((r) => r.status === 'active'));
});

test('back with the author, the correction is allowed again (the assignment decides, not history)', async () => {
  const back = await team.patient.api.put('/api/me/doctor', { doctorId: team.doctor.id });
  assert.equal(back.status, 200);
  const res = await team.doctor.api.put(`/api/notes/${plan.noteId}/steps`, CORRECTED);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(
    res.body.plan.map((p: any) => p.text),
    ['Take nitrofurantoin 50mg with food'],
  );
});
