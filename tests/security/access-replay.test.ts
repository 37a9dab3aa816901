// Replay follows the current assignment too: a doctor the patient has left gets their earlier
// events back from `sync` (every row, gapless seqs) but with no text about that patient opened,
// as GET /notes and the timeline refuse them (403). Back with that doctor, the texts open again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { buildPlan, createDoctor, createPatient, type TestUser } from '../helpers/factories.js';

let team: CareTeam;
let newDoctor: TestUser;
let stays: TestUser; // another patient who keeps the doctor

before(async () => {
  team = await buildCareTeam();
  stays = await createPatient(team.app.url, { doctor: team.doctor });
  const later = new Date(Date.now() + 3_600_000);
  await buildPlan(team, {
    content: 'Take deltazol 40mg daily. Buy a thermometer.',
    items: [{ text: 'Take deltazol 40mg', frequencyPerDay: 1, durationDays: 3 }],
    checklist: [{ text: 'Buy a thermometer' }],
    firstDueAt: later,
  });
  await buildPlan(
    { app: team.app, doctor: team.doctor, patient: stays },
    {
      content: 'Take epsilozol 5mg daily.',
      items: [{ text: 'Take epsilozol 5mg', frequencyPerDay: 1, durationDays: 2 }],
      firstDueAt: later,
    },
  );
  newDoctor = await createDoctor(team.app.url);
  assert.equal((await team.patient.api.put('/api/me/doctor', { doctorId: newDoctor.id })).status, 200);
  await team.ds.waitFor('patient:unassigned');
});
after(() => team?.stop());

const sync = async (who: CareTeam['ds']) => (await who.request('sync', { afterSeq: 0 })).events as any[];

test("sync {afterSeq:0}: the former doctor's rows stay, gapless, with no text of the departed patient", async () => {
  const events = await sync(team.ds);
  assert.deepEqual(
    events.map((e) => e.payload.seq),
    events.map((_, i) => i + 1),
    'gapless',
  );
  const about = (id: string) => events.filter((e) => e.payload.patientId === id || e.payload.note?.patientId === id);
  const departed = about(team.patient.id);
  assert.deepEqual(
    departed.map((e) => e.type),
    ['note:new', 'steps:ready'],
  );
  const text = JSON.stringify(departed);
  for (const word of ['deltazol', 'thermometer']) assert.ok(!text.includes(word), `${word} was opened`);
  assert.equal(departed[0].payload.note.content, '');
  assert.equal(departed[1].payload.plan[0].text, '');
  // A patient who stayed: the same doctor still reads their texts.
  const kept = about(stays.id);
  assert.equal(kept[0].payload.note.content, 'Take epsilozol 5mg daily.');
  assert.equal(kept[1].payload.plan[0].text, 'Take epsilozol 5mg');
  // The patient's own replay keeps the text.
  const own = await sync(team.ps);
  assert.equal(
    own.find((e) => e.type === 'note:new').payload.note.content,
    'Take deltazol 40mg daily. Buy a thermometer.',
  );
});

test('the same data over HTTP: notes and timeline are 403 FORBIDDEN for the former doctor', async () => {
  for (const path of ['notes', 'timeline', 'steps', 'reminders']) {
    const res = await team.doctor.api.get(`/api/patients/${team.patient.id}/${path}`);
    assert.equal(res.status, 403, path);
    assert.equal(res.body.error.code, 'FORBIDDEN');
  }
});

test("the new doctor's timeline lists only their own events, with no earlier doctor's text", async () => {
  const res = await newDoctor.api.get(`/api/patients/${team.patient.id}/timeline`);
  assert.equal(res.status, 200);
  assert.deepEqual(
    res.body.events.map((e: any) => e.type),
    ['patient:assigned'],
  );
});

test('back with the doctor, their replay opens the texts again', async () => {
  assert.equal((await team.patient.api.put('/api/me/doctor', { doctorId: team.doctor.id })).status, 200);
  const events = await sync(team.ds);
  const note = events.find((e) => e.type === 'note:new' && e.payload.note.patientId === team.patient.id);
  assert.equal(note.payload.note.content, 'Take deltazol 40mg daily. Buy a thermometer.');
});
