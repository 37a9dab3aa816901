// A new note's plan replaces the earlier one (mode 'replace', DESIGN §7): unfinished plan items of
// earlier notes (and their reminders) stop together with the new steps landing, and both people
// hear plan:cancelled. Checklist items stay until done or removed; finished work stays as it was.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import { checklistItems, reminders, planItems } from '../../src/db/schema.js';
import type { TestApp } from '../helpers/app.js';
import type { TestUser } from '../helpers/factories.js';
import type { TestSocket } from '../helpers/sockets.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';

let team: CareTeam;
let app: TestApp;
let doctor: TestUser, patient: TestUser;
let ds: TestSocket, ps: TestSocket;

before(async () => {
  team = await buildCareTeam();
  ({ app, doctor, patient, ds, ps } = team);
});
after(async () => {
  await team?.stop();
});

async function writeNote(content: string) {
  const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content });
  assert.equal(res.status, 202);
  return ps.waitFor('steps:ready', (p) => p.noteId === res.body.note.id);
}

test('a second note stops the first note’s plan and reminders, atomically with its own; the checklist stays', async () => {
  const first = await writeNote(
    'Take nitrofurantoin 100mg twice daily for 3 days. Buy a thermometer. Book a follow-up appointment.',
  );
  assert.equal(first.checklist.length, 2);
  assert.equal(first.plan.length, 1);
  const [bought, booking] = first.checklist;
  const done = await patient.api.post(`/api/checklist/${bought.id}/done`);
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const firstOcc = await app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, first.plan[0].id));
  assert.equal(firstOcc.length, 6);
  assert.ok(firstOcc.every((o) => o.status === 'scheduled'));

  const second = await writeNote('Apply clotrimazole cream once daily for 5 days.');
  // Read right after steps:ready, without waiting: the cancellation committed with the new steps.
  const cl = await app.ctx.db
    .select()
    .from(checklistItems)
    .where(inArray(checklistItems.id, [bought.id, booking.id]));
  const byId = new Map(cl.map((i) => [i.id, i]));
  assert.equal(byId.get(bought.id)!.status, 'done', 'done stays done');
  assert.ok(byId.get(bought.id)!.doneAt);
  assert.equal(byId.get(booking.id)!.status, 'open', 'a one-off task stays until done');
  const [plan] = await app.ctx.db.select().from(planItems).where(eq(planItems.id, first.plan[0].id));
  assert.equal(plan!.status, 'stopped');
  const occ = await app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, first.plan[0].id));
  assert.deepEqual([...new Set(occ.map((o) => o.status))], ['cancelled']);
  const newOcc = await app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, second.plan[0].id));
  assert.equal(newOcc.length, 5);
  assert.ok(newOcc.every((o) => o.status === 'scheduled'));

  for (const s of [ps, ds]) {
    const ev = await s.waitFor('plan:cancelled', (p) => p.noteId === first.noteId);
    assert.deepEqual(
      { patientId: ev.patientId, noteId: ev.noteId, byNoteId: ev.byNoteId },
      { patientId: patient.id, noteId: first.noteId, byNoteId: second.noteId },
    );
    // Same transaction as the new steps: plan:cancelled comes right before steps:ready in the outbox.
    const ready = await s.waitFor('steps:ready', (p) => p.noteId === second.noteId);
    assert.equal(ready.seq, ev.seq + 1);
  }

  const steps = await patient.api.get(`/api/patients/${patient.id}/steps`);
  assert.equal(steps.body.noteId, second.noteId);
  assert.deepEqual(
    steps.body.plan.map((p: any) => [p.text, p.status]),
    [['Apply clotrimazole cream', 'active']],
  );
  assert.deepEqual(
    steps.body.checklist.map((i: any) => [i.text, i.status]),
    [
      ['Buy a thermometer', 'done'],
      ['Book a follow-up appointment', 'open'],
    ].filter(([, status]) => status === 'open'),
  );
  const listed = await patient.api.get(`/api/patients/${patient.id}/reminders`);
  assert.equal(listed.status, 200);
  assert.ok(
    !listed.body.reminders.some((r: any) => r.planItemId === first.plan[0].id),
    'no reminder of the cancelled plan',
  );
});

test('a note without a plan stops nothing; the next plan stops only what is still live, once', async () => {
  const cancelsIn = async () =>
    (await ps.request('sync', { afterSeq: 0 })).events.filter((e: any) => e.type === 'plan:cancelled');
  const before = (await cancelsIn()).length;
  const prior = await patient.api.get(`/api/patients/${patient.id}/steps`);
  const third = await writeNote('Buy a vortiplex spacer.');
  assert.deepEqual(third.plan, []);
  const [still] = await app.ctx.db.select().from(planItems).where(eq(planItems.id, prior.body.plan[0].id));
  assert.equal(still!.status, 'active', 'a checklist-only note leaves the plan running');
  const fourth = await writeNote('Take amoxicillin 500mg three times daily for 5 days.');
  const ev = await ps.waitFor('plan:cancelled', (p) => p.byNoteId === fourth.noteId);
  assert.equal(ev.noteId, prior.body.plan[0].noteId, 'only the note that still had a live plan');
  assert.equal((await cancelsIn()).length, before + 1);
  const [plan] = await app.ctx.db.select().from(planItems).where(eq(planItems.id, prior.body.plan[0].id));
  assert.equal(plan!.status, 'stopped');
});
