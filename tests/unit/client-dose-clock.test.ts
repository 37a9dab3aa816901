// The demo client's patient clock (client-demo/dose-clock.js): "today" and "now" read from the
// doses' real instants and local times, with real days and with compressed ones (SCHEDULE_DAY_MS),
// where the browser's own date says nothing about the patient's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, doseState, patientNow } from '../../client-demo/dose-clock.js';

const timed = (dueAt: string, localDate: string, localTime: string, status = 'scheduled') => ({
  dueAt,
  localDate,
  localTime,
  status,
});

test('real days in Kolkata (+05:30): now is read in the patient’s zone, not the browser’s', () => {
  const doses = [
    timed('2025-03-09T03:30:00.000Z', '2025-03-09', '09:00'),
    timed('2025-03-09T15:30:00.000Z', '2025-03-09', '21:00'),
    timed('2025-03-10T03:30:00.000Z', '2025-03-10', '09:00'),
  ];
  // 19:00 UTC on the 9th is 00:30 on the 10th in Kolkata.
  assert.deepEqual(patientNow(doses, Date.parse('2025-03-09T19:00:00.000Z')), { date: '2025-03-10', time: '00:30' });
  assert.deepEqual(patientNow(doses, Date.parse('2025-03-09T12:00:00.000Z')), { date: '2025-03-09', time: '17:30' });
});

test('compressed days (a day in 60 s): the clock runs at the doses’ rate', () => {
  const t0 = Date.parse('2025-01-01T12:00:00.000Z');
  const doses = [0, 1, 2].map((i) => timed(new Date(t0 + i * 60_000).toISOString(), addDays('2025-06-01', i), '09:00'));
  // 30 real seconds after the second dose: half a patient day later, 21:00 the same day.
  assert.deepEqual(patientNow(doses, t0 + 90_000), { date: '2025-06-02', time: '21:00' });
  assert.deepEqual(patientNow(doses, t0 + 150_000), { date: '2025-06-03', time: '21:00' });
});

test('no timed dose: no clock; cancelled doses do not count', () => {
  assert.equal(patientNow([]), null);
  assert.equal(patientNow([timed('2025-01-01T09:00:00.000Z', '2025-01-01', '09:00', 'cancelled')]), null);
});

test('the state a person reads: upcoming, snoozed while the snooze runs, then due again', () => {
  const base = { ...timed('2025-01-01T09:00:00.000Z', '2025-01-01', '09:00', 'due'), id: 'd', planItemId: 'p' };
  const dose = {
    ...base,
    seq: 1,
    text: 't',
    windowEndsAt: null,
    attempts: 1,
    nudges: 0,
    takenAt: null,
    skipReason: null,
  };
  const now = Date.parse('2025-01-01T09:05:00.000Z');
  assert.equal(doseState({ ...dose, status: 'scheduled', snoozedUntil: null }, now), 'upcoming');
  assert.equal(doseState({ ...dose, snoozedUntil: '2025-01-01T09:10:00.000Z' }, now), 'snoozed');
  assert.equal(doseState({ ...dose, snoozedUntil: '2025-01-01T09:01:00.000Z' }, now), 'due');
  assert.equal(doseState({ ...dose, status: 'late', snoozedUntil: null }, now), 'late');
});

test('compressed clocks are pinned per plan item: the item with the dose nearest to now sets the date', () => {
  const t0 = Date.parse('2025-01-01T12:00:00.000Z');
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  // Item a started a minute earlier: its clock is three days ahead of item b's, at one minute a day.
  const a = [0, 1, 2].map((i) => ({ ...timed(at(i * 60), addDays('2025-06-01', i), '09:00'), planItemId: 'a' }));
  const b = [0, 1].map((i) => ({ ...timed(at(180 + i * 30), '2025-06-01', i ? '21:00' : '09:00'), planItemId: 'b' }));
  assert.deepEqual(patientNow([...a, ...b], t0 + 190_000), { date: '2025-06-01', time: '13:00' });
  assert.deepEqual(patientNow([...a, ...b], t0 + 60_000), { date: '2025-06-02', time: '09:00' });
});
