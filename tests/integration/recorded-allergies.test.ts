// A new note's plan read against the allergies the doctor's other notes about the patient record
// (src/steps/checkRecordedAllergies.ts): a drug the allergy reaches waits as a draft, with the
// reason, until the doctor confirms; the note's own allergy is asked about once, not twice; an
// earlier doctor's notes stay closed to the new doctor, so theirs is not read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { auditLog, reminders } from '../../src/db/schema.js';
import { RulesExtractor } from '../../src/extraction/index.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { createDoctor, type TestUser } from '../helpers/factories.js';
import { connectSocket } from '../helpers/sockets.js';

let team: CareTeam;
before(async () => {
  team = await buildCareTeam({}, { extractor: new RulesExtractor() });
});
after(async () => team?.stop());

async function write(doctor: TestUser, content: string, ds = team.ds) {
  const res = await doctor.api.post(`/api/patients/${team.patient.id}/notes`, { content });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  const noteId = res.body.note.id as string;
  return { noteId, ready: await ds.waitFor('steps:ready', (p) => p.noteId === noteId) };
}
type Item = { id: string; text: string; status: string };
type Part = { source: string; reason: string };
const items = (plan: Item[]) => plan.map((p) => [p.text, p.status]);
const reasons = (unclear: Part[]) => unclear.map((u) => u.reason);

test("a drug an earlier note's allergy reaches waits for the doctor, with the reason", async () => {
  const allergy = await write(team.doctor, 'Allergic to penicillin (rash). Paracetamol 1g qds prn.');
  assert.equal(allergy.ready.status, 'ready');

  const later = await write(team.doctor, 'Amoxicillin 500mg tds 5/7. Cetirizine 10mg od for 5 days.');
  assert.equal(later.ready.status, 'needs_review');
  assert.deepEqual(items(later.ready.plan), [
    ['Take amoxicillin 500mg', 'draft'],
    ['Take cetirizine 10mg', 'active'],
  ]);
  assert.deepEqual(
    later.ready.unclear.map((u: Part) => [u.source, u.reason]),
    [
      [
        'Amoxicillin 500mg tds 5/7',
        'your earlier notes record an allergy to penicillin; amoxicillin is a penicillin: confirm',
      ],
    ],
  );
  const amoxicillin = later.ready.plan[0] as Item;
  const doses = await team.app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, amoxicillin.id));
  assert.equal(doses.length, 0, 'no dose before the doctor confirms');
  const read = await team.app.ctx.db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.action, 'notes.read_for_extraction'), eq(auditLog.subject, `patient:${team.patient.id}/notes`)),
    );
  assert.ok(read.length >= 1, "the worker audited reading the patient's other notes");

  // Confirming is the doctor's decision: the course starts.
  const ok = await team.doctor.api.post(`/api/notes/${later.noteId}/steps/confirm`, {});
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const after = await team.app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, amoxicillin.id));
  assert.ok(after.length > 0, 'doses once confirmed');
});

test('the same drug named in an earlier allergy is asked about; the note’s own allergy only once', async () => {
  const codeine = await write(team.doctor, 'Allergic to codeine (vomiting).');
  assert.equal(codeine.ready.status, 'ready');
  const again = await write(team.doctor, 'Codeine 30mg qds prn for 3 days.');
  assert.deepEqual(items(again.ready.plan), [['Take codeine 30mg', 'draft']]);
  assert.deepEqual(reasons(again.ready.unclear), ['your earlier notes record an allergy to codeine: confirm']);

  const own = await write(team.doctor, 'Allergic to penicillin. Co-amoxiclav 625mg tds 5/7.');
  assert.deepEqual(items(own.ready.plan), [['Take co-amoxiclav 625mg', 'draft']]);
  assert.deepEqual(reasons(own.ready.unclear), [
    'the note records an allergy to penicillin; co-amoxiclav is a penicillin: confirm',
  ]);
});

test("a new doctor's note is not read against the earlier doctor's notes, which stay closed to them", async () => {
  const next = await createDoctor(team.app.url);
  const moved = await team.patient.api.put('/api/me/doctor', { doctorId: next.id });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  const ds = await connectSocket(team.app.url, next.token);
  try {
    const note = await write(next, 'Flucloxacillin 500mg qds for 7 days.', ds);
    assert.equal(note.ready.status, 'ready');
    assert.deepEqual(items(note.ready.plan), [['Take flucloxacillin 500mg', 'active']]);
    assert.deepEqual(note.ready.unclear, []);
  } finally {
    ds.close();
  }
});
