// An extraction that finishes after the patient left the note's author: `steps:ready` (texts in
// hand) and `steps:failed` go to the patient's current doctor, who gets the steps without their
// texts (no key wrap of the old note), and nothing goes to the author.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, gt } from 'drizzle-orm';
import { events } from '../../src/db/schema.js';
import { ExtractionError, RulesExtractor, type Extractor } from '../../src/extraction/index.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { GatedExtractor } from '../helpers/extractors.js';
import { createDoctor, type TestUser } from '../helpers/factories.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';

/** The rules extractor, except that a note saying UNREADABLE fails for good. */
const rules = new RulesExtractor();
const failing: Extractor = {
  name: 'rules',
  model: null,
  extract: async (text) => {
    if (text.includes('UNREADABLE')) throw new ExtractionError('refused', false, { kind: 'rejected' });
    return rules.extract(text);
  },
};
const gated = new GatedExtractor(failing);

let team: CareTeam;
let newDoctor: TestUser;
let ns: TestSocket;
let readyNote: string;
let failedNote: string;
let formerSeq: number;

before(async () => {
  team = await buildCareTeam({}, { extractor: gated });
  gated.hold();
  const write = async (content: string) => {
    const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, { content });
    assert.equal(res.status, 202);
    return res.body.note.id as string;
  };
  // The first extraction waits at the gate; the second is queued behind it or at the gate too.
  const entered = gated.nextCall();
  readyNote = await write('Take doxycycline 5mg twice daily for 3 days. Buy a pill box.');
  failedNote = await write('UNREADABLE');
  await entered;
  newDoctor = await createDoctor(team.app.url);
  ns = await connectSocket(team.app.url, newDoctor.token);
  assert.equal((await team.patient.api.put('/api/me/doctor', { doctorId: newDoctor.id })).status, 200);
  formerSeq = (await team.ds.waitFor('patient:unassigned')).seq;
  gated.release();
});
after(async () => {
  ns?.close();
  await team?.stop();
});

async function assertFormerDoctorUntouched() {
  const rows = await team.app.ctx.db
    .select({ type: events.type })
    .from(events)
    .where(and(eq(events.userId, team.doctor.id), gt(events.seq, formerSeq)));
  assert.deepEqual(rows, []);
  assert.ok(!team.ds.events.some((e) => e.payload.seq > formerSeq));
}

test('steps:ready: the patient with texts, the new doctor without, the author nothing', async () => {
  const mine = await team.ps.waitFor('steps:ready', (p) => p.noteId === readyNote);
  assert.match(mine.plan[0].text, /doxycycline/);
  const theirs = await ns.waitFor('steps:ready', (p) => p.noteId === readyNote);
  assert.deepEqual(
    theirs.plan.map((p: any) => p.id),
    mine.plan.map((p: any) => p.id),
  );
  assert.deepEqual(
    [...theirs.plan, ...theirs.checklist].map((s: any) => s.text),
    [...theirs.plan, ...theirs.checklist].map(() => ''),
  );
  await assertFormerDoctorUntouched();
});

test('steps:failed goes to the current doctor, not the author', async () => {
  const failed = await ns.waitFor('steps:failed', (p) => p.noteId === failedNote);
  assert.equal(failed.patientId, team.patient.id);
  assert.ok(!team.ps.events.some((e) => e.type === 'steps:failed'), 'the patient does not get steps:failed');
  await assertFormerDoctorUntouched();
});
