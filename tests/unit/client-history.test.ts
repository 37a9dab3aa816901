// The demo client's record (client-demo/history.js): timeline pages, read newest first, fold into
// the same record as the events applied live in order; an older page, or a new device's sync
// replaying history under a page already read, still lands in its place; and an event that came
// both in a page and live is applied once; dose outcomes never move backwards, whatever order a
// stale calendar read and the events arrive in; and a v1 reminder:* row an old record replays
// still renders. The browser test covers the wiring and the server.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPage, applyIncoming, resetHistory, setCalendar } from '../../client-demo/history.js';
import { openAlerts } from '../../client-demo/dose-store.js';
import { record, resetStore, store } from '../../client-demo/store.js';

const PATIENT = 'patient-1';
const DOCTOR = 'doctor-1';
let seq = 0;
const ev = (type: string, data: Record<string, unknown>) => {
  seq += 1;
  const at = new Date(Date.UTC(2025, 0, 1, 8, 0, seq)).toISOString();
  return { type: type as never, payload: { eventId: `e${seq}`, seq, at, ...data } };
};
const item = (id: string, status: string, completedCheckins = 0, missedCount = 0, skippedCount = 0) => ({
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
  skippedCount,
  extendedCount: missedCount + skippedCount,
  status,
});
const dose = (id: string, planItemId: string, status: string, day: number, extra: Record<string, unknown> = {}) => ({
  id,
  planItemId,
  seq: day,
  text: `take ${planItemId}`,
  dueAt: new Date(Date.UTC(2025, 0, day, 9)).toISOString(),
  localDate: `2025-01-0${day}`,
  localTime: '09:00',
  windowEndsAt: new Date(Date.UTC(2025, 0, day, 21)).toISOString(),
  status,
  attempts: status === 'scheduled' ? 0 : 1,
  nudges: 0,
  takenAt: status === 'taken' ? new Date(Date.UTC(2025, 0, day, 9, 5)).toISOString() : null,
  skipReason: null,
  snoozedUntil: null,
  ...extra,
});
const note = (id: string) => ({ id, patientId: PATIENT, doctorId: DOCTOR, content: `note ${id}`, status: 'pending' });

const steps = (noteId: string) => ({
  noteId,
  patientId: PATIENT,
  status: 'ready',
  mode: 'replace',
  extractor: 'rules',
  model: null,
  unclear: [],
});

/** Note 1 → its plan → taken, missed, snoozed then skipped doses → note 2 replaces the plan: oldest first. */
function story() {
  seq = 0;
  return [
    ev('note:new', { note: { ...note('n1'), createdAt: '2025-01-01T08:00:00.000Z' } }),
    ev('steps:ready', { ...steps('n1'), checklist: [], plan: [item('p1', 'active')] }),
    ev('dose:due', { dose: dose('d1', 'p1', 'due', 1), kind: 'due' }),
    ev('dose:taken', { dose: dose('d1', 'p1', 'taken', 1), planItem: item('p1', 'active', 1) }),
    ev('dose:due', { dose: dose('d2', 'p1', 'due', 2), kind: 'due' }),
    ev('dose:due', { dose: dose('d2', 'p1', 'due', 2, { nudges: 1 }), kind: 'nudge' }),
    ev('dose:missed', { dose: dose('d2', 'p1', 'missed', 2), planItem: item('p1', 'active', 1, 1) }),
    ev('dose:due', { dose: dose('d3', 'p1', 'due', 3), kind: 'due' }),
    ev('dose:snoozed', { dose: dose('d3', 'p1', 'due', 3, { snoozedUntil: '2025-01-03T09:10:00.000Z' }) }),
    ev('dose:due', { dose: dose('d3', 'p1', 'due', 3), kind: 'snooze' }),
    ev('dose:skipped', {
      dose: dose('d3', 'p1', 'skipped', 3, { skipReason: 'unwell' }),
      planItem: item('p1', 'active', 1, 1, 1),
    }),
    ev('dose:due', { dose: dose('d4', 'p1', 'due', 4), kind: 'due' }),
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
    doses: [...rec.doses.values()]
      .map((d) => `${d.id} ${d.status} ${d.takenAt ?? '-'} ${d.skipReason ?? '-'} snoozes:${d.snoozes ?? 0}`)
      .sort(),
    steps: [...rec.steps.values()]
      .map(
        (s) =>
          `${s.noteId} ${s.cancelled} ${s.plan.map((p) => `${p.status} ${p.completedCheckins}/${p.missedCount}/${p.skippedCount}`)}`,
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

test('the record from the timeline equals the record built live: taken, missed, snoozed, skipped, replaced', () => {
  const events = story();
  const expected = live(events);
  assert.deepEqual(expected.doses, [
    'd1 taken 2025-01-01T09:05:00.000Z - snoozes:0',
    'd2 missed - - snoozes:0',
    'd3 skipped - unwell snoozes:1', // one snooze event, counted once
    'd4 cancelled - - snoozes:0', // the replacing note took the dose still open with it
  ]);
  assert.deepEqual(expected.steps, ['n1 true stopped 1/1/1', 'n2 false active 0/0/0']);
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
  assert.equal(outcomes.filter((o) => o?.message?.startsWith('Time to take')).length, 4, 'each dose falls due once');
  assert.deepEqual(summary(), expected);
});

test("the doctor's record: dose events whose plan is pages back still belong to the patient; an alert", () => {
  store.user = { id: DOCTOR, name: 'Dr. Chen', email: 'chen@example.test', role: 'doctor' };
  store.patients.set(PATIENT, { id: PATIENT, name: 'Sam' });
  const events = story().filter((e) => e.type !== 'dose:due' && e.type !== 'dose:snoozed'); // the patient's only
  const alert = ev('adherence:alert', {
    alert: {
      id: 'a1',
      patientId: PATIENT,
      planItemId: 'p1',
      kind: 'consecutive_misses',
      misses: 2,
      createdAt: '2025-01-03T21:00:00.000Z',
      acknowledgedAt: null,
    },
    planItem: item('p1', 'active', 1, 1, 1),
  });
  const assigned = {
    type: 'patient:assigned' as never,
    payload: { eventId: 'a', seq: 0, at: '', patient: { id: PATIENT, name: 'Sam' } },
  };
  addPage(PATIENT, [alert, ...events.slice(2).reverse(), assigned]); // from the first outcome on: no steps:ready
  assert.deepEqual(summary().doses.slice(0, 3), [
    'd1 taken 2025-01-01T09:05:00.000Z - snoozes:0',
    'd2 missed - - snoozes:0',
    'd3 skipped - unwell snoozes:0',
  ]);
  const rec = record(PATIENT);
  assert.deepEqual(
    [...rec.alerts.values()].map((a) => `${a.id} ${a.misses} ${a.text} ${a.acknowledgedAt}`),
    ['a1 2 take p1 null'],
  );
  assert.equal(store.patients.get(PATIENT)?.isNew, undefined, 'history does not re-announce the patient');
  // Acknowledged on another device: the alert leaves this one's open list, with nothing announced.
  const acked = { ...(alert.payload as unknown as { alert: Record<string, unknown> }).alert };
  const [told] = applyIncoming([
    ev('alert:acknowledged', { alert: { ...acked, acknowledgedAt: '2025-01-04T08:00:00.000Z' } }),
  ]);
  assert.equal(told?.message, undefined);
  assert.deepEqual(openAlerts(rec), []);
  assert.equal(rec.alerts.get('a1')?.text, 'take p1', 'the alert keeps what it showed');
});

test('a stale calendar read never moves a dose back; a re-planned dose the calendar no longer lists goes', () => {
  const events = story().slice(0, 4); // d1 due, then taken
  applyIncoming(events);
  const from = '2025-01-01T00:00:00.000Z';
  const to = '2025-01-08T00:00:00.000Z';
  // Read before the take landed, answered after: d1 still "due"; d5 and d6 still to come.
  setCalendar(PATIENT, {
    doses: [dose('d1', 'p1', 'due', 1), dose('d5', 'p1', 'scheduled', 5), dose('d6', 'p1', 'scheduled', 6)],
    from,
    to,
  });
  assert.deepEqual(
    summary().doses.map((d) => d.split(' ').slice(0, 2).join(' ')),
    ['d1 taken', 'd5 scheduled', 'd6 scheduled'],
  );
  // New settings re-planned the doses to come as new rows: d5 and d6 are gone, d7 takes their place.
  setCalendar(PATIENT, { doses: [dose('d1', 'p1', 'taken', 1), dose('d7', 'p1', 'scheduled', 5)], from, to });
  assert.deepEqual(
    summary().doses.map((d) => d.split(' ').slice(0, 2).join(' ')),
    ['d1 taken', 'd7 scheduled'],
  );
  // And a rebuild (an older timeline page) keeps the calendar under the events.
  addPage(PATIENT, []);
  assert.deepEqual(
    summary().doses.map((d) => d.split(' ').slice(0, 2).join(' ')),
    ['d1 taken', 'd7 scheduled'],
  );
});

test("an old record's v1 reminder:* rows still replay and render: checked in, missed", () => {
  seq = 0;
  const reminder = (id: string, status: string, dueSecond: number) => ({
    id,
    planItemId: 'p1',
    text: 'take p1',
    dueAt: new Date(Date.UTC(2025, 0, 1, 9, 0, dueSecond)).toISOString(),
    status,
    attempts: 1,
  });
  const events = [
    ev('note:new', { note: { ...note('n1'), createdAt: '2025-01-01T08:00:00.000Z' } }),
    ev('steps:ready', { ...steps('n1'), checklist: [], plan: [item('p1', 'active')] }),
    ev('reminder:due', { reminder: { ...reminder('r1', 'due', 1), attempt: 1 } }),
    ev('reminder:checked-in', { reminder: reminder('r1', 'checked_in', 1), planItem: item('p1', 'active', 1) }),
    ev('reminder:due', { reminder: { ...reminder('r2', 'due', 2), attempt: 1 } }),
    ev('reminder:missed', { reminder: reminder('r2', 'missed', 2), planItem: item('p1', 'active', 1, 1) }),
  ];
  addPage(PATIENT, [...events].reverse());
  const rec = record(PATIENT);
  assert.deepEqual([...rec.reminders.values()].map((r) => `${r.id} ${r.status} ${r.checkedAt ?? '-'}`).sort(), [
    `r1 checked_in ${events[3]!.payload.at}`,
    'r2 missed -',
  ]);
  assert.deepEqual(summary().steps, ['n1 false active 1/1/0']);
});
