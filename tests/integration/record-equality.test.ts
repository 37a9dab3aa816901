// Every event type, three ways: as it arrived live on the socket, as `sync` replays it, and as the
// timeline returns it. One renderer serves all three, so the payloads must be equal, field by
// field, for the patient and for the doctor.
import { after, before, test } from 'node:test';
import type { Reply } from '../helpers/http.js';
import assert from 'node:assert/strict';
import { ExtractionError, RulesExtractor, type Extractor } from '../../src/extraction/index.js';
import { EVENT_TYPES } from '../../src/realtime/protocol.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { createDoctor } from '../helpers/factories.js';
import type { TestSocket } from '../helpers/sockets.js';

const rules = new RulesExtractor();
// The rules, except that they refuse a note starting "Unreadable" (steps:failed).
const extractor: Extractor = {
  name: 'rules',
  model: null,
  extract: (text) =>
    text.startsWith('Unreadable') ? Promise.reject(new ExtractionError('refused', false)) : rules.extract(text),
};

let team: CareTeam;
before(async () => {
  team = await buildCareTeam({ SCHEDULE_DAY_MS: '3000' }, { extractor });
});
after(() => team?.stop());

async function write(content: string) {
  const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, { content });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  return res.body.note.id as string;
}

async function replay(s: TestSocket) {
  const out = [];
  for (let afterSeq = 0; ; ) {
    const page = await s.request('sync', { afterSeq, limit: 5 });
    out.push(...page.events);
    if (!page.hasMore) return out;
    afterSeq = page.events.at(-1).payload.seq;
  }
}

async function timeline(api: CareTeam['patient']['api']) {
  const out = [];
  for (let before: number | null = null; ; ) {
    const q: string = before === null ? '?limit=4' : `?limit=4&before=${before}`;
    const res: Reply = await api.get(`/api/patients/${team.patient.id}/timeline${q}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    out.push(...res.body.events);
    if (res.body.nextBefore === null) return out.reverse();
    before = res.body.nextBefore;
  }
}

test('live = sync replay = timeline, for every event type', { timeout: 90_000 }, async () => {
  const { ps, ds, patient, doctor } = team;
  // Plan 1: a checklist tick, a check-in that completes the plan.
  const n1 = await write('Take amoxicillin 500mg once daily for 1 day. Buy a thermometer.');
  const ready1 = await ps.waitFor('steps:ready', (p) => p.noteId === n1);
  assert.equal((await patient.api.post(`/api/checklist/${ready1.checklist[0].id}/done`)).status, 200);
  const due1 = await ps.waitFor('dose:due', (p) => p.dose.planItemId === ready1.plan[0].id, 20_000);
  assert.equal((await patient.api.post(`/api/reminders/${due1.dose.id}/checkin`)).status, 200);
  await ds.waitFor('plan:completed');
  // Plan 2: a one-dose course missed, its one extension missed too: the doctor's alert after two
  // misses in a row, and the item incomplete.
  const n2 = await write('Take ibuprofen 200mg once daily for 1 day.');
  const ready2 = await ps.waitFor('steps:ready', (p) => p.noteId === n2);
  const alert = await ds.waitFor('adherence:alert', (p) => p.planItem.id === ready2.plan[0].id, 30_000);
  await ds.waitFor('plan:incomplete', (p) => p.planItem.id === ready2.plan[0].id, 30_000);
  assert.equal((await doctor.api.post(`/api/alerts/${alert.alert.id}/ack`)).status, 200);
  await ds.waitFor('alert:acknowledged', (p) => p.alert.id === alert.alert.id);
  // Plan 3: a dose snoozed, then skipped; an as-needed dose logged.
  const n3 = await write(
    'Take cetirizine 10mg once daily for 2 days. Paracetamol 1g up to four times a day as needed.',
  );
  const ready3 = await ps.waitFor('steps:ready', (p) => p.noteId === n3);
  const scheduled = ready3.plan.find((i: { asNeeded: boolean }) => !i.asNeeded);
  const prn = ready3.plan.find((i: { asNeeded: boolean }) => i.asNeeded);
  const due3 = await ps.waitFor('dose:due', (p) => p.dose.planItemId === scheduled.id, 20_000);
  assert.equal((await patient.api.post(`/api/doses/${due3.dose.id}/snooze`, { minutes: 5 })).status, 200);
  await ds.waitFor('dose:snoozed', (p) => p.dose.id === due3.dose.id);
  const skip = await patient.api.post(`/api/doses/${due3.dose.id}/skip`, { reason: 'side_effects' });
  assert.equal(skip.status, 200, JSON.stringify(skip.body));
  await ds.waitFor('dose:skipped', (p) => p.dose.id === due3.dose.id);
  assert.equal((await patient.api.post(`/api/plan-items/${prn.id}/prn-doses`, {})).status, 201);
  await ds.waitFor('prn:taken', (p) => p.planItem.id === prn.id);
  await write('Unreadable scribble.');
  await ds.waitFor('steps:failed');
  const n4 = await write('Take loratadine 10mg once daily for 2 days.');
  await ds.waitFor('plan:cancelled', (p) => p.byNoteId === n4);
  // A high-alert schedule waits for the doctor (steps:review); confirming it is a plan:changed.
  const n5 = await write('Take methotrexate 15mg once weekly for 12 weeks.');
  await ds.waitFor('steps:review', (p) => p.noteId === n5);
  assert.equal((await doctor.api.post(`/api/notes/${n5}/steps/confirm`, {})).status, 200);
  await ps.waitFor('plan:changed', (p) => p.noteId === n5);
  // A message and its reply, and a read receipt.
  const asked = await patient.api.post(`/api/patients/${patient.id}/messages`, { text: 'It makes me dizzy.' });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  await ds.waitFor('message:new', (p) => p.message.id === asked.body.message.id);
  assert.equal((await doctor.api.post(`/api/messages/${asked.body.message.id}/read`)).status, 200);
  await ps.waitFor('message:read', (p) => p.readerId === doctor.id);
  await ds.waitFor('message:read', (p) => p.readerId === doctor.id);
  // The patient's device shows everything: the doctor hears note:seen.
  const lastSeq = ps.events.at(-1)!.payload.seq;
  await ps.request('ack', { uptoSeq: lastSeq });
  await ds.waitFor('note:seen', (p) => p.noteId === n4);

  const recorded = (s: TestSocket) => s.events.map((e) => ({ type: e.type, payload: e.payload }));
  const doctorTimeline = await timeline(doctor.api);
  const patientTimeline = await timeline(patient.api);
  assert.deepEqual(await replay(ps), recorded(ps), 'patient: sync replay equals live');
  assert.deepEqual(patientTimeline, recorded(ps), 'patient: timeline equals live');
  // The assignment came before the doctor's socket connected: it is the record's first entry.
  assert.equal(doctorTimeline[0].type, 'patient:assigned');
  assert.deepEqual(doctorTimeline.slice(1), recorded(ds), 'doctor: timeline equals live');

  const doctorReplay = await replay(ds);
  assert.deepEqual(doctorReplay.slice(1), recorded(ds), 'doctor: sync replay equals live');

  // The patient leaves: patient:unassigned reaches the doctor; the old doctor's timeline read is
  // 403, and their replay keeps every row (gapless seqs) but opens no text about that patient.
  const other = await createDoctor(team.app.url);
  assert.equal((await patient.api.put('/api/me/doctor', { doctorId: other.id })).status, 200);
  const left = await ds.waitFor('patient:unassigned');
  const formerReplay = await replay(ds);
  assert.deepEqual(
    formerReplay.map((e) => [e.type, e.payload.seq]),
    [...doctorReplay, { type: 'patient:unassigned', payload: left }].map((e) => [e.type, e.payload.seq]),
  );
  assert.ok(!JSON.stringify(formerReplay).includes('amoxicillin'), 'no text of a departed patient is opened');
  assert.ok(!JSON.stringify(formerReplay).includes('dizzy'), 'nor their messages');
  assert.equal((await doctor.api.get(`/api/patients/${patient.id}/timeline`)).status, 403);

  const seen = new Set([...recorded(ps), ...formerReplay].map((e) => e.type));
  const missing = EVENT_TYPES.filter((t) => !seen.has(t));
  assert.deepEqual(missing, [], 'the scenario covers every event type');
  assert.ok(recorded(ds).some((e) => e.type === 'dose:taken' && e.payload.planItem.text.length > 0));
});
