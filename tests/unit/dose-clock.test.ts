// Dose times on the patient's clock (DESIGN §8): local times in three zones, one crossing a DST
// change and one with a half-hour offset; when codes; N a day; every k hours in real time;
// weekdays; every other day; the first dose on or after the start; ongoing on a horizon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { doseTimes, type PatientClock } from '../../src/doses/clock.js';
import { timing } from '../../src/extraction/schema.js';

const clock = (timezone: string): PatientClock => ({ timezone, wakeTime: '07:00', sleepTime: '22:30' });
const local = (dates: Date[], zone: string) =>
  dates.map((d) => DateTime.fromJSDate(d, { zone }).toFormat('ccc yyyy-MM-dd HH:mm'));
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const daily = (frequency: number, durationDays: number, more = {}) =>
  timing({ frequency, period: 1, periodUnit: 'd', durationDays, ...more });

test('3 a day across waking hours, in London across the spring DST change', () => {
  const zone = 'Europe/London'; // clocks go forward on Sun 28 Mar 2027, 01:00 → 02:00
  const got = local(doseTimes(daily(3, 3), clock(zone), at('2027-03-27T10:00', zone), { horizonDays: 28 }), zone);
  assert.deepEqual(got, [
    'Sat 2027-03-27 15:00',
    'Sat 2027-03-27 21:00',
    'Sun 2027-03-28 09:00',
    'Sun 2027-03-28 15:00',
    'Sun 2027-03-28 21:00',
    'Mon 2027-03-29 09:00',
    'Mon 2027-03-29 15:00',
    'Mon 2027-03-29 21:00',
    'Tue 2027-03-30 09:00',
  ]);
});

test('London in UTC: the same local hour moves by the DST hour; a time in the gap moves forward', () => {
  const zone = 'Europe/London';
  const got = doseTimes(daily(1, 2, { timeOfDay: ['15:00'] }), clock(zone), at('2027-03-27T10:00', zone), {
    horizonDays: 28,
  });
  assert.deepEqual(
    got.map((d) => d.toISOString()),
    ['2027-03-27T15:00:00.000Z', '2027-03-28T14:00:00.000Z'],
  );
  const gap = doseTimes(daily(1, 1, { timeOfDay: ['01:30'] }), clock(zone), at('2027-03-28T00:00', zone), {
    horizonDays: 28,
  });
  assert.deepEqual(local(gap, zone), ['Sun 2027-03-28 02:30']);
});

test('a half-hour offset (Kolkata) and New York: explicit times stay local', () => {
  for (const zone of ['Asia/Kolkata', 'America/New_York']) {
    const t = daily(2, 2, { timeOfDay: ['08:00', '20:00'] });
    const got = local(doseTimes(t, clock(zone), at('2027-01-10T07:00', zone), { horizonDays: 28 }), zone);
    assert.deepEqual(
      got,
      ['Sun 2027-01-10 08:00', 'Sun 2027-01-10 20:00', 'Mon 2027-01-11 08:00', 'Mon 2027-01-11 20:00'],
      zone,
    );
  }
  const utc = doseTimes(
    daily(1, 1, { timeOfDay: ['08:00'] }),
    clock('Asia/Kolkata'),
    at('2027-01-10T07:00', 'Asia/Kolkata'),
    {
      horizonDays: 28,
    },
  );
  assert.equal(utc[0]!.toISOString(), '2027-01-10T02:30:00.000Z');
});

test('when codes: morning = wake + 1 h, bedtime = sleep − 30 min, meals 08/13/19', () => {
  const zone = 'Europe/Paris';
  const start = at('2027-05-03T06:00', zone);
  const morningBed = daily(2, 1, { when: ['morning', 'bedtime'] });
  assert.deepEqual(local(doseTimes(morningBed, clock(zone), start, { horizonDays: 28 }), zone), [
    'Mon 2027-05-03 08:00',
    'Mon 2027-05-03 22:00',
  ]);
  const meals = daily(3, 1, { when: ['with-meals'] });
  assert.deepEqual(local(doseTimes(meals, clock(zone), start, { horizonDays: 28 }), zone), [
    'Mon 2027-05-03 08:00',
    'Mon 2027-05-03 13:00',
    'Mon 2027-05-03 19:00',
  ]);
});

test('every 8 hours keeps 8 real hours across the autumn DST change', () => {
  const zone = 'America/New_York'; // clocks go back on Sun 7 Nov 2027, 02:00 → 01:00
  const q8h = timing({ frequency: 1, period: 8, periodUnit: 'h', durationDays: 2 });
  const got = doseTimes(q8h, clock(zone), at('2027-11-06T08:00', zone), { horizonDays: 28 });
  assert.equal(got.length, 6);
  for (let i = 1; i < got.length; i++) assert.equal(got[i]!.getTime() - got[i - 1]!.getTime(), 8 * 3_600_000);
  assert.deepEqual(local(got, zone).slice(0, 3), [
    'Sat 2027-11-06 09:00',
    'Sat 2027-11-06 17:00',
    'Sun 2027-11-07 01:00',
  ]);
  assert.equal(local(got, zone)[3], 'Sun 2027-11-07 08:00', 'the wall clock shifts, the spacing does not');
});

test('weekly on the named weekday; every other day; a later start day', () => {
  const zone = 'Europe/London';
  const start = at('2027-06-02T12:00', zone); // a Wednesday
  const mondays = timing({ frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'], durationDays: 21 });
  assert.deepEqual(local(doseTimes(mondays, clock(zone), start, { horizonDays: 28 }), zone), [
    'Mon 2027-06-07 09:00',
    'Mon 2027-06-14 09:00',
    'Mon 2027-06-21 09:00',
  ]);
  const alternate = timing({ frequency: 1, period: 2, periodUnit: 'd', durationDays: 6 });
  assert.deepEqual(local(doseTimes(alternate, clock(zone), start, { horizonDays: 28 }), zone), [
    'Thu 2027-06-03 09:00',
    'Sat 2027-06-05 09:00',
    'Mon 2027-06-07 09:00',
  ]);
  const phase2 = daily(1, 2, { startDay: 5 });
  assert.deepEqual(local(doseTimes(phase2, clock(zone), start, { horizonDays: 28 }), zone), [
    'Tue 2027-06-08 09:00',
    'Wed 2027-06-09 09:00',
  ]);
});

test('an ongoing item runs to the horizon and no further', () => {
  const zone = 'UTC';
  const ongoing = daily(2, 1, { durationDays: null });
  const got = doseTimes(ongoing, clock(zone), at('2027-01-01T00:00', zone), { horizonDays: 7 });
  assert.equal(got.length, 14);
});
