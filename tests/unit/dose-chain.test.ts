// The delivery chain's decisions (doses/chain.ts) with the default nudges, +15 and +60 minutes:
// exact times, none in quiet hours, none at or after the window's end, a snooze in between.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextStep } from '../../src/doses/chain.js';
import { DAY_MS, dayScale } from '../../src/doses/dayScale.js';
import type { Clock } from '../../src/doses/patientClock.js';

const MIN = 60_000;
const NUDGES = [15, 60];
const at = (iso: string) => new Date(iso);
const realDay = dayScale(at('2027-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'), DAY_MS);
const london: Clock = {
  timezone: 'Europe/London',
  wakeTime: '07:00',
  sleepTime: '22:30',
  quietHours: true,
  anchor: at('2027-01-01T00:00:00Z'),
};

function chain(dueAt: Date, windowEndsAt: Date, clock: Clock, snoozedUntil: Date | null = null) {
  const steps = [];
  let now = dueAt;
  for (let i = 0; i < 10; i++) {
    const next = nextStep({ dueAt, windowEndsAt, snoozedUntil }, clock, realDay, NUDGES, now);
    steps.push([next.kind, next.at.toISOString()]);
    if (next.kind === 'expire') break;
    now = next.at;
  }
  return steps;
}

test('a daytime dose: +15, +60, then the window closes', () => {
  const due = at('2027-01-04T09:00:00Z');
  assert.deepEqual(chain(due, new Date(due.getTime() + 12 * 60 * MIN), london), [
    ['nudge', '2027-01-04T09:15:00.000Z'],
    ['nudge', '2027-01-04T10:00:00.000Z'],
    ['expire', '2027-01-04T21:00:00.000Z'],
  ]);
});

test('a bedtime dose: the nudges that fall after sleep are held', () => {
  const due = at('2027-01-04T22:00:00Z'); // London is on GMT in January
  assert.deepEqual(chain(due, new Date(due.getTime() + 12 * 60 * MIN), london), [
    ['nudge', '2027-01-04T22:15:00.000Z'],
    ['expire', '2027-01-05T10:00:00.000Z'],
  ]);
  assert.deepEqual(chain(due, new Date(due.getTime() + 12 * 60 * MIN), { ...london, quietHours: false }).length, 3);
});

test('quiet hours follow the zone: 22:35 BST is quiet, the same instant in New York is not', () => {
  const due = at('2027-06-01T21:20:00Z'); // 22:20 in London (BST), 17:20 in New York
  const end = new Date(due.getTime() + 12 * 60 * MIN);
  assert.deepEqual(chain(due, end, london), [['expire', end.toISOString()]]);
  assert.equal(chain(due, end, { ...london, timezone: 'America/New_York' }).length, 3);
});

test('no nudge at or after the window end; a snooze drops the nudges before it', () => {
  const due = at('2027-01-04T09:00:00Z');
  assert.deepEqual(chain(due, at('2027-01-04T10:00:00Z'), london), [
    ['nudge', '2027-01-04T09:15:00.000Z'],
    ['expire', '2027-01-04T10:00:00.000Z'],
  ]);
  const snoozed = nextStep(
    { dueAt: due, windowEndsAt: at('2027-01-04T21:00:00Z'), snoozedUntil: at('2027-01-04T09:40:00Z') },
    london,
    realDay,
    NUDGES,
    at('2027-01-04T09:10:00Z'),
  );
  assert.deepEqual([snoozed.kind, snoozed.at.toISOString()], ['snooze', '2027-01-04T09:40:00.000Z']);
});

test('on a compressed day the chain scales with it', () => {
  const start = at('2027-01-04T09:00:00Z');
  const fast = dayScale(start, start, 24_000); // an hour of the patient's day is a second
  const next = nextStep({ dueAt: start, windowEndsAt: null, snoozedUntil: null }, london, fast, NUDGES, start);
  assert.deepEqual([next.kind, next.at.getTime() - start.getTime()], ['nudge', 250]);
});
