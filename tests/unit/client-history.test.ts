// The demo client's record (client-demo/history.js): timeline pages, read newest first, fold into
// the same record as the events applied live in order; an older page, or a new device's sync
// replaying history under a page already read, still lands in its place; and an event that came
// both in a page and live is applied once. The browser test covers the wiring and the server.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPage, applyIncoming, resetHistory } from '../../client-demo/history.js';
import { record, resetStore, store } from '../../client-demo/store.js';

const PATIENT = 'patient-1';
const DOCTOR = 'doctor-1';
let seq = 0;
const ev = (type: string, data: Record<string, unknown>) => {
  seq += 1;
  const at = new Date(Date.UTC(2025, 0, 1, 8, 0, seq)).toISOString();
  return { type: type as never, payload: { eventId: `e${seq}`, seq, at, ...data } };
};
const item = (id: string, status: string, completedCheckins = 0, missedCount = 0) => ({
  id,
  noteId: id === 'p1' ? 'n1' : 'n2',
  text: `take ${id}`,
  source: '',
  asNeeded: false,
  timing: {
    frequency: 1,
    period: 1,
    periodUnit: 'd',
    dayOfWeek: [],
    timeOfDay: [],
    when: [],
    durationDays: 3,
    startDay: 0,
  },
  requiredCheckins: 3,
  completedCheckins,
  missedCount,
  status,
});
const reminder = (id: string, planItemId: string, status: string, dueSecond: number) => ({
  id,
  planItemId,
  text: `take ${planItemId}`,
  dueAt: new Date(Date.UTC(2025, 0, 1, 9, 0, dueSecond)).toISOString(),
  status,
  attempts: 1,
});
const note = (id: string) => ({ id, patientId: PATIENT, doctorId: DOCTOR, content: `note ${id}`, status: 'pending' });

/** Note 1 → its plan → a check-in → a miss → note 2 replaces the plan: the issue's story, oldest first. */
function story() {
  seq = 0;
  const steps = (noteId: string) => ({
    noteId,
    patientId: PATIENT,
    status: 'ready',
    mode: 'replace',
    extractor: 'rules',
    model: null,
    unclear: [],
  });
  return [
    ev('note:new', { note: { ...note('n1'), createdAt: '2025-01-01T08:00:00.000Z' } }),
    ev('steps:ready', { ...steps('n1'), checklist: [], plan: [item('p1', 'active')] }),
    ev('reminder:due', { reminder: { ...reminder('r1', 'p1', 'due', 1), attempt: 1 } }),
    ev('reminder:checked-in', { reminder: reminder('r1', 'p1', 'checked_in', 1), planItem: item('p1', 'active', 1) }),
    ev('reminder:due', { reminder: { ...reminder('r2', 'p1', 'due', 2), attempt: 1 } }),
    ev('reminder:due', { reminder: { ...reminder('r2', 'p1', 'due', 2), attempt: 2 } }),
    ev('reminder:missed', { reminder: reminder('r2', 'p1', 'missed', 2), planItem: item('p1', 'active', 1, 1) }),
    ev('reminder:due', { reminder: { ...reminder('r3', 'p1', 'due', 3), attempt: 1 } }),
    ev('note:new', { note: { ...note('n2'), createdAt: '2025-01-01T08:10:00.000Z' } }),
    ev('plan:cancelled', { patientId: PATIENT, noteId: 'n1', byNoteId: 'n2' }),
    ev('steps:ready', { ...steps('n2'), checklist: [], plan: [item('p2', 'active')] }),
    ev('plan:changed', {
      ...steps('n2'),
      checklist: [],
      plan: [{ ...item('p2', 'active'), text: 'take p2 twice' }],
      changes: { added: [], changed: ['p2'], removed: [] },
    }),
  ];
}

/** What the timeline and the plan panel are drawn from, in a stable order. */
function summary() {
  const rec = record(PATIENT);
  return {
    notes: [...rec.notes.values()].map((n) => `${n.id} ${n.status} ${n.content}`).sort(),
    reminders: [...rec.reminders.values()].map((r) => `${r.id} ${r.status} ${r.checkedAt ?? '-'}`).sort(),
    steps: [...rec.steps.values()]
      .map(
        (s) => `${s.noteId} ${s.cancelled} ${s.plan.map((p) => `${p.status} ${p.completedCheckins}/${p.missedCount}`)}`,
      )
      .sort(),
    active: rec.activeNoteId,
    changes: rec.changes.map((c) => `${c.type} ${c.noteId} ${c.changes?.changed.join(',')}`),
    texts: [...rec.steps.values()].flatMap((s) => s.plan.map((p) => p.text)).sort(),
  };
}

function live(events: ReturnType<typeof story>) {
  applyIncoming(events);
  return summary();
}

beforeEach(() => {
  resetStore();
  resetHistory();
  store.user = { id: PATIENT, name: 'Sam', email: 'sam@example.test', role: 'patient' };
});

test('the record from the timeline equals the record built live: check-ins, misses and the replaced plan', () => {
  const events = story();
  const expected = live(events);
  assert.deepEqual(expected.reminders, [
    `r1 checked_in ${events[3]!.payload.at}`, // the check-in's time is its event's own
    'r2 missed -',
    'r3 cancelled -',
  ]);
  assert.deepEqual(expected.steps, ['n1 true stopped 1/1', 'n2 false active 0/0']);
  assert.equal(expected.active, 'n2');
  assert.deepEqual(expected.changes, ['plan:changed n2 p2'], 'a correction is in the record');
  assert.deepEqual(expected.texts, ['take p1', 'take p2 twice'], 'edited in place');

  resetStore();
  resetHistory();
  store.user = { id: PATIENT, name: 'Sam', email: 'sam@example.test', role: 'patient' };
  addPage(PATIENT, [...events].reverse()); // the server's order: newest first
  assert.deepEqual(summary(), expected);
});

test('"Show older" pages, read newest first, fold into the same record as one page', () => {
  const events = story();
  const expected = live(events);
  resetStore();
  resetHistory();
  store.user = { id: PATIENT, name: 'Sam', email: 'sam@example.test', role: 'patient' };
  const newestFirst = [...events].reverse();
  // Page 1 holds plan:cancelled, but not the steps it cancels: applied on top, page 2 would revive them.
  for (let i = 0; i < newestFirst.length; i += 3) addPage(PATIENT, newestFirst.slice(i, i + 3));
  assert.deepEqual(summary(), expected);
});

test('an event in a page and again live or in a sync is applied once, and a replay lands in its place', () => {
  const events = story();
  const expected = live(events);
  resetStore();
  resetHistory();
  store.user = { id: PATIENT, name: 'Sam', email: 'sam@example.test', role: 'patient' };
  addPage(PATIENT, events.slice(-4).reverse());
  // A new device: its sync replays the whole history from seq 1 after the newest page was read.
  const outcomes = applyIncoming(events);
  assert.equal(outcomes.filter((o) => o === null).length, 4, 'the page’s events are not applied (or told) twice');
  assert.deepEqual(summary(), expected);
});

test("the doctor's record: reminder events whose plan is pages back still belong to the patient", () => {
  store.user = { id: DOCTOR, name: 'Dr. Chen', email: 'chen@example.test', role: 'doctor' };
  store.patients.set(PATIENT, { id: PATIENT, name: 'Sam' });
  const events = story().filter((e) => e.type !== 'reminder:due'); // doctors are not sent reminder:due
  const assigned = {
    type: 'patient:assigned' as never,
    payload: { eventId: 'a', seq: 0, at: '', patient: { id: PATIENT, name: 'Sam' } },
  };
  addPage(PATIENT, [...events.slice(2).reverse(), assigned]); // from the check-in on: no steps:ready
  assert.deepEqual(summary().reminders, [`r1 checked_in ${events[2]!.payload.at}`, 'r2 missed -']);
  assert.equal(store.patients.get(PATIENT)?.isNew, undefined, 'history does not re-announce the patient');
});
