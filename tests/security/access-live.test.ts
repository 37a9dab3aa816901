// Live events about a patient's care follow the CURRENT assignment: after the patient leaves a
// doctor, check-ins, checklist ticks, misses and read receipts reach the patient and their new
// doctor (without the old doctor's note texts: the new doctor holds no key wrap), and nothing at
// all reaches the doctor who wrote the plan.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, gt } from 'drizzle-orm';
import { events, notes } from '../../src/db/schema.js';
import { buildPlan, createDoctor, type TestUser } from '../helpers/factories.js';
import { startReminderApp, type ReminderApp } from '../helpers/reminderApp.js';
import { eventually, sleep } from '../helpers/poll.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';

const DAY = 3000; // a daily reminder misses 3 s after it falls due
let run: ReminderApp;
let team: Awaited<ReturnType<ReminderApp['careTeam']>>;
let newDoctor: TestUser;
let ns: TestSocket;
let plan: Awaited<ReturnType<typeof buildPlan>>;
let formerSeq: number; // the former doctor's last seq once the patient left

before(async () => {
  run = await startReminderApp(DAY);
  team = await run.careTeam();
  plan = await buildPlan(
    { app: run.app, ...team },
    {
      items: [
        { text: 'Take alphazol 10mg', frequencyPerDay: 1, durationDays: 2 },
        { text: 'Take betazol 20mg', frequencyPerDay: 1, durationDays: 2 },
      ],
      checklist: [{ text: 'Buy a thermometer' }],
      firstDueAt: new Date(Date.now() + 300),
    },
  );
  newDoctor = await createDoctor(run.app.url);
  ns = await connectSocket(run.app.url, newDoctor.token);
  run.sockets.push(ns);
  assert.equal((await team.patient.api.put('/api/me/doctor', { doctorId: newDoctor.id })).status, 200);
  formerSeq = (await team.ds.waitFor('patient:unassigned')).seq;
});
after(() => run?.stop());

/** The former doctor got nothing after `patient:unassigned`: no row (so no sync) and no emit. */
async function assertFormerDoctorUntouched() {
  const rows = await run.app.ctx.db
    .select({ type: events.type })
    .from(events)
    .where(and(eq(events.userId, team.doctor.id), gt(events.seq, formerSeq)));
  assert.deepEqual(rows, []);
  assert.deepEqual(
    team.ds.events.filter((e) => e.payload.seq > formerSeq).map((e) => e.type),
    [],
  );
}

test('a check-in (socket) and plan texts: the patient with text, the new doctor without, not the author', async () => {
  const item = plan.plan[0]!;
  const due = await team.ps.waitFor('dose:due', (p) => p.dose.planItemId === item.id);
  assert.equal(due.dose.text, 'Take alphazol 10mg');
  const ack = await team.ps.request('reminder:checkin', { reminderId: due.dose.id });
  assert.equal(ack.ok, true, JSON.stringify(ack));
  const mine = await team.ps.waitFor('dose:taken', (p) => p.dose.id === due.dose.id);
  assert.equal(mine.planItem.text, 'Take alphazol 10mg');
  const theirs = await ns.waitFor('dose:taken', (p) => p.dose.id === due.dose.id);
  assert.equal(theirs.planItem.text, '', 'the new doctor holds no wrap of the old note');
  assert.equal(theirs.dose.text, '');
  await assertFormerDoctorUntouched();
});

test('a checklist tick (HTTP) goes to the patient and the new doctor only', async () => {
  const item = plan.checklist[0]!;
  const res = await team.patient.api.post(`/api/checklist/${item.id}/done`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.item.text, 'Buy a thermometer');
  const theirs = await ns.waitFor('checklist:done', (p) => p.item.id === item.id);
  assert.equal(theirs.item.text, '');
  await assertFormerDoctorUntouched();
});

test('a miss goes to the patient and the new doctor only', async () => {
  const item = plan.plan[1]!;
  const missed = await ns.waitFor('dose:missed', (p) => p.planItem.id === item.id, 20_000);
  assert.equal(missed.planItem.text, '');
  assert.equal(missed.planItem.missedCount, 1);
  const mine = await team.ps.waitFor('dose:missed', (p) => p.planItem.id === item.id);
  assert.equal(mine.planItem.text, 'Take betazol 20mg');
  await assertFormerDoctorUntouched();
});

test("the patient's read receipt tells neither the author they left nor a new doctor who cannot open it", async () => {
  const noteNew = await team.ps.waitFor('note:new', (p) => p.note.id === plan.noteId);
  assert.deepEqual(await team.ps.request('ack', { uptoSeq: noteNew.seq }), { ok: true });
  // The note is seen (the row says so) but no doctor hears about it.
  await eventually('the note marked seen', async () => {
    const [row] = await run.app.ctx.db.select({ seenAt: notes.seenAt }).from(notes).where(eq(notes.id, plan.noteId));
    return row?.seenAt;
  });
  await sleep(300);
  assert.equal(ns.events.filter((e) => e.type === 'note:seen').length, 0, 'the new doctor is not told');
  await assertFormerDoctorUntouched();
});
