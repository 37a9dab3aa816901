// Live events that the writer hydrates from plaintext in hand (note:new at submit, steps:ready in
// the extraction worker, reminder:due in the reminder worker) must be exactly what `sync`
// rebuilds from the sealed rows: same text, same fields, for each recipient.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startReminderApp, type ReminderApp } from '../helpers/reminderApp.js';
import { createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';

let r: ReminderApp;
let doctor: TestUser, patient: TestUser;
let ds: TestSocket, ps: TestSocket;

before(async () => {
  r = await startReminderApp(2_400);
  doctor = await createDoctor(r.app.url);
  patient = await createPatient(r.app.url, { doctor });
  r.patients.push(patient.id);
  ds = await connectSocket(r.app.url, doctor.token);
  ps = await connectSocket(r.app.url, patient.token);
  r.sockets.push(ds, ps);
});
after(async () => {
  await r?.stop();
});

const NOTE = 'Take florabexin 20mg once daily for 2 days. Buy a humidifier.';

test('live note:new, steps:ready and reminder:due equal their sync replay, text included', async () => {
  const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content: NOTE });
  assert.equal(res.status, 202);
  const noteId = res.body.note.id;
  const due = await ps.waitFor('reminder:due', (p) => p.reminder.attempt === 1, 10_000);
  await ds.waitFor('steps:ready', (p) => p.noteId === noteId);

  for (const [who, sock] of [
    ['patient', ps],
    ['doctor', ds],
  ] as const) {
    const reply = await sock.request('sync', { afterSeq: 0 });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    const replayed = new Map(reply.events.map((e: any) => [e.payload.eventId, e]));
    const live = sock.events.filter((e) => ['note:new', 'steps:ready', 'reminder:due'].includes(e.type));
    assert.ok(live.length >= (who === 'patient' ? 3 : 2), `${who} saw the live events`);
    for (const e of live) assert.deepEqual(replayed.get(e.payload.eventId), e, `${who} ${e.type}: live equals replay`);
  }

  const noteNew = ps.events.find((e) => e.type === 'note:new')!.payload;
  assert.equal(noteNew.note.content, NOTE);
  const steps = ps.events.find((e) => e.type === 'steps:ready')!.payload;
  assert.match(steps.checklist[0].text, /humidifier/i);
  assert.match(steps.plan[0].text, /florabexin/i);
  assert.equal(due.reminder.planItemId, steps.plan[0].id);
  assert.equal(due.reminder.text, steps.plan[0].text);
});
