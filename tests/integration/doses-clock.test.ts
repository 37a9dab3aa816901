// Dose times on the patient's own clock (DESIGN §8), read back over HTTP as the calendar shows
// them, with a real day. Expected local times are checked with Intl (the platform's time-zone
// data), independently of the luxon code that planned them: London across the March 2027 DST
// change, Kolkata's half-hour offset, New York's weekly Monday dose.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, gt } from 'drizzle-orm';
import { reminders } from '../../src/db/schema.js';
import { timing } from '../../src/extraction/schema.js';
import { extendHorizons } from '../../src/doses/horizon.js';
import { dailyAt, dosesOf, planWith, teamWithClock } from '../helpers/doses.js';
import { type ReminderApp, startReminderApp } from '../helpers/reminderApp.js';

const DAY = 86_400_000;
/** No pinned first dose: each plan starts where the patient's clock puts it. */
const CLOCK = { firstDueAt: null };
let run: ReminderApp;
before(async () => {
  run = await startReminderApp(DAY);
});
after(() => run?.stop());

/** The wall clock of `iso` in `zone`: ['2027-03-29', '08:00', 'Mon']. */
function wall(iso: string, zone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return [`${p.year}-${p.month}-${p.day}`, `${p.hour}:${p.minute}`, p.weekday];
}

async function calendar(api: { get: (p: string) => Promise<any> }, patientId: string, from: string, to: string) {
  const res = await api.get(`/api/patients/${patientId}/doses?from=${from}&to=${to}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

describe('doses on the patient’s clock', { concurrency: true }, () => {
  test('London: 08:00 every day, before and after the clocks go forward', async () => {
    const team = await teamWithClock(run, { timezone: 'Europe/London' });
    const item = await planWith(run, team, 'Take levothyroxine', dailyAt(['08:00'], 150), CLOCK);
    const cal = await calendar(team.doctor.api, team.patient.id, '2027-03-26T00:00:00Z', '2027-04-01T00:00:00Z');
    assert.equal(cal.timezone, 'Europe/London');
    const mine = cal.doses.filter((d: any) => d.planItemId === item.id);
    assert.deepEqual(
      mine.map((d: any) => [d.localDate, d.localTime]),
      ['26', '27', '28', '29', '30', '31'].map((d) => [`2027-03-${d}`, '08:00']),
    );
    for (const d of mine) assert.deepEqual(wall(d.dueAt, 'Europe/London').slice(0, 2), [d.localDate, d.localTime]);
    // 08:00 GMT is 08:00Z; after 28 March 08:00 BST is 07:00Z.
    assert.equal(mine[0].dueAt, '2027-03-26T08:00:00.000Z');
    assert.equal(mine[5].dueAt, '2027-03-31T07:00:00.000Z');
    assert.match(mine[0].text, /levothyroxine/);
  });

  test('Kolkata (+05:30): three a day across waking hours, the first on or after the start', async () => {
    const team = await teamWithClock(run, { timezone: 'Asia/Kolkata' });
    const before = Date.now();
    const item = await planWith(
      run,
      team,
      'Take metronidazole',
      timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
      CLOCK,
    );
    const rows = await dosesOf(run, item.id);
    assert.equal(rows.length, 15);
    assert.ok(rows[0]!.dueAt.getTime() >= before, 'the first dose is not in the past');
    const times = rows.map((r) => wall(r.dueAt.toISOString(), 'Asia/Kolkata')[1]);
    assert.ok(
      times.every((t) => ['09:00', '15:00', '21:00'].includes(t!)),
      times.join(','),
    );
    assert.deepEqual(
      rows.map((r) => r.localTime),
      times,
    );
    // On the half hour in UTC: 03:30, 09:30, 15:30.
    assert.ok(rows.every((r) => r.dueAt.getUTCMinutes() === 30));
    // No earlier dose time was skipped: the one before the first would be in the past.
    const gap = rows[1]!.dueAt.getTime() - rows[0]!.dueAt.getTime();
    assert.ok(rows[0]!.dueAt.getTime() - gap < before + 12 * 3_600_000);
  });

  test('New York: once a week on Monday, at 09:00 local, for four weeks', async () => {
    const team = await teamWithClock(run, { timezone: 'America/New_York' });
    const weekly = timing({ frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'], durationDays: 28 });
    const item = await planWith(run, team, 'Take methotrexate', weekly, CLOCK);
    const rows = await dosesOf(run, item.id);
    assert.equal(rows.length, 4);
    for (const r of rows) assert.deepEqual(wall(r.dueAt.toISOString(), 'America/New_York').slice(1), ['09:00', 'Mon']);
    for (let i = 1; i < rows.length; i++)
      assert.equal(rows[i]!.dueAt.getTime() - rows[i - 1]!.dueAt.getTime(), 7 * DAY);
  });

  test('an ongoing item is materialised four weeks ahead and topped up on the same grid', async () => {
    const team = await teamWithClock(run, { timezone: 'Europe/Paris' });
    const item = await planWith(run, team, 'Take amlodipine', dailyAt(['20:00'], null), CLOCK);
    const rows = await dosesOf(run, item.id);
    assert.equal(rows.length, 28);
    // Time passes: all but the first week is gone from the store, as if delivered long ago.
    await run.app.ctx.db.delete(reminders).where(and(eq(reminders.planItemId, item.id), gt(reminders.seq, 7)));
    assert.ok((await extendHorizons(run.app.ctx)) >= 1);
    const after = await dosesOf(run, item.id);
    assert.deepEqual(
      after.map((r) => r.seq),
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    assert.ok(after.every((r) => wall(r.dueAt.toISOString(), 'Europe/Paris')[1] === '20:00'));
    assert.equal(await extendHorizons(run.app.ctx), 0, 'nothing more while two weeks are stored');
  });

  test('changing the time zone re-plans the doses still to come, on the new clock', async () => {
    const team = await teamWithClock(run, { timezone: 'UTC' });
    const item = await planWith(run, team, 'Take nitrofurantoin', dailyAt(['09:00'], 7), CLOCK);
    const before = await dosesOf(run, item.id);
    assert.ok(before.every((r) => r.dueAt.getUTCHours() === 9));
    const res = await team.patient.api.put('/api/me/settings', {
      timezone: 'Asia/Tokyo',
      wakeTime: '07:00',
      sleepTime: '22:30',
      quietHours: true,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const after = (await dosesOf(run, item.id)).filter((r) => r.status !== 'cancelled');
    assert.equal(after.length, 7, 'the same number of doses');
    assert.ok(
      after.every((r) => r.localTime === '09:00' && r.dueAt.getUTCHours() === 0),
      'nine in Tokyo is midnight UTC',
    );
    assert.ok(after.every((r) => r.dueAt.getTime() > Date.now()));
  });

  test('the calendar refuses a backwards or too long range, and strangers', async () => {
    const team = await teamWithClock(run);
    const base = `/api/patients/${team.patient.id}/doses`;
    const back = await team.patient.api.get(`${base}?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z`);
    assert.deepEqual([back.status, back.body.error.code], [400, 'VALIDATION_FAILED']);
    const long = await team.patient.api.get(`${base}?from=2027-01-01T00:00:00Z&to=2027-06-01T00:00:00Z`);
    assert.equal(long.status, 400);
    assert.equal((await team.patient.api.get(`${base}?from=yesterday`)).status, 400);
    const stranger = await run.careTeam();
    assert.equal((await stranger.doctor.api.get(base)).status, 403);
    assert.equal((await stranger.patient.api.get(`/api/patients/${team.patient.id}/adherence?days=7`)).status, 403);
    assert.equal((await team.patient.api.get(`/api/patients/${team.patient.id}/adherence?days=500`)).status, 400);
  });
});
