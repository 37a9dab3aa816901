// A note read against the plan an earlier note runs (src/steps/checkCurrentPlan.ts). One that stops
// a drug (or records an allergy to it) that plan schedules, with no plan of its own or in 'add'
// mode, leaves that plan running (DESIGN §7), so the doctor is asked — an unclear part naming the
// drug, the note in review — and nothing is stopped on a reading of the text. An 'add' plan that
// schedules a drug already running waits for the doctor instead of starting a second course. A
// replacing note with a plan stops the earlier plan itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { auditLog, planItems, reminders } from '../../src/db/schema.js';
import { RulesExtractor } from '../../src/extraction/index.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';

let team: CareTeam;
before(async () => {
  team = await buildCareTeam({}, { extractor: new RulesExtractor() });
});
after(async () => team?.stop());

async function write(content: string, mode: 'replace' | 'add' = 'replace') {
  const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, { content, mode });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  const noteId = res.body.note.id as string;
  return { noteId, ready: await team.ds.waitFor('steps:ready', (p) => p.noteId === noteId) };
}
const statusOf = async (id: string) =>
  (await team.app.ctx.db.select().from(planItems).where(eq(planItems.id, id)))[0]?.status;

test('stopped or allergic in a later note while an earlier plan schedules it: the doctor is asked', async () => {
  const first = await write('Amoxicillin 500mg tds for 7 days. Ibuprofen 400mg tds for 5 days.');
  assert.equal(first.ready.status, 'ready');
  const [amoxicillin, ibuprofen] = first.ready.plan.map((p: { id: string }) => p.id) as [string, string];

  const stop = await write('Stop amoxicillin.');
  assert.equal(stop.ready.status, 'needs_review');
  assert.deepEqual(
    stop.ready.unclear.map((u: { source: string; reason: string }) => [u.source, u.reason]),
    [
      [
        'Stop amoxicillin',
        "the note stops amoxicillin, but an earlier note's plan still schedules it; it was not stopped there: correct that plan if this is meant",
      ],
    ],
  );
  const review = await team.ds.waitFor('steps:review', (p) => p.noteId === stop.noteId);
  assert.equal(review.unclear.length, 1);
  const read = await team.app.ctx.db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.action, 'plan.read_for_extraction'), eq(auditLog.subject, `patient:${team.patient.id}/plan`)),
    );
  assert.ok(read.length >= 1, 'the worker audited reading the running plan');
  assert.equal(await statusOf(amoxicillin), 'active', 'not stopped on a reading of the text');

  const allergy = await write('Allergic to ibuprofen. Paracetamol 1g qds prn.', 'add');
  assert.equal(allergy.ready.status, 'needs_review');
  assert.deepEqual(
    allergy.ready.plan.map((p: { text: string }) => p.text),
    ['Take paracetamol 1g'],
  );
  assert.deepEqual(
    allergy.ready.unclear.map((u: { reason: string }) => u.reason.split(',')[0]),
    ['the note records an allergy or reaction to ibuprofen'],
  );
  assert.equal(await statusOf(ibuprofen), 'active');

  // An allergy reaches the running drug's class: penicillin → the earlier amoxicillin.
  const penicillin = await write('Allergic to penicillin (rash).');
  assert.deepEqual(
    penicillin.ready.unclear.map((u: { reason: string }) => u.reason),
    [
      "the note records an allergy or reaction to penicillin, but an earlier note's plan still schedules amoxicillin; it was not stopped there: correct that plan if this is meant",
    ],
  );
  assert.equal(await statusOf(amoxicillin), 'active');
});

test('an added plan that schedules a running drug again waits for the doctor; another drug starts', async () => {
  const added = await write('Amoxicillin 500mg tds for 5 days. Cetirizine 10mg od for 5 days.', 'add');
  assert.equal(added.ready.status, 'needs_review');
  assert.deepEqual(
    added.ready.plan.map((p: { text: string; status: string }) => [p.text, p.status]),
    [
      ['Take amoxicillin 500mg', 'draft'],
      ['Take cetirizine 10mg', 'active'],
    ],
  );
  assert.deepEqual(
    added.ready.unclear.map((u: { reason: string }) => u.reason),
    [
      "an earlier note's plan already schedules amoxicillin; both would run: confirm to start this one as well, or correct a plan",
      // The first test's note recorded the allergy (src/steps/checkRecordedAllergies.ts).
      'your earlier notes record an allergy to penicillin; amoxicillin is a penicillin: confirm',
    ],
  );
  const doses = await team.app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, added.ready.plan[0].id));
  assert.equal(doses.length, 0, 'no second course of doses before the doctor confirms');
});

test('a stop of a drug no plan schedules asks nothing; a replacing plan stops the earlier one itself', async () => {
  const other = await write('Stop simvastatin.');
  assert.equal(other.ready.status, 'ready');
  assert.deepEqual(other.ready.unclear, []);

  const before = await team.doctor.api.get(`/api/patients/${team.patient.id}/steps`);
  const amoxicillin = before.body.plan.find((p: { text: string }) => p.text.includes('amoxicillin'));
  assert.ok(amoxicillin, 'amoxicillin still runs');
  const replaced = await write('Stop amoxicillin. Doxycycline 100mg od for 7 days.');
  assert.equal(replaced.ready.status, 'ready');
  assert.deepEqual(replaced.ready.unclear, []);
  assert.equal(await statusOf(amoxicillin.id), 'stopped');
});
