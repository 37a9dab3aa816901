// Delivery on the patient's clock (DESIGN §8 v2), end to end on a short day: real delayed jobs,
// sockets, HTTP. A "day" is DAY ms, so an hour of the patient's day is DAY / 24 (333 ms) and the
// 12-hour window of a daily dose is DAY / 2. Nudges are at +60 and +180 minutes here, so a loaded
// machine running a job a few tens of ms late cannot merge two steps; the default +15/+60 is
// exercised exactly by tests/unit/dose-chain.test.ts. Each test has its own care team.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { timing } from '../../src/extraction/schema.js';
import { sweepOnce } from '../../src/doses/claim.js';
import { reminders } from '../../src/db/schema.js';
import { eq } from 'drizzle-orm';
import { createDoctor } from '../helpers/factories.js';
import { dailyAt, dosesOf, dueEvents, itemRow, planWith, teamWithClock } from '../helpers/doses.js';
import { type ReminderApp, startReminderApp } from '../helpers/reminderApp.js';

const DAY = 8000;
let run: ReminderApp;
before(async () => {
  run = await startReminderApp(DAY, { DOSE_NUDGE_MINUTES: '60,180' });
});
after(() => run?.stop());

describe('dose delivery', { concurrency: true }, () => {
  test('nudges at +60 and +180 minutes, exactly, then missed at the window: one dose added', async () => {
    const team = await teamWithClock(run, { quietHours: false });
    const item = await planWith(run, team, 'Take zinc', dailyAt(['09:00'], 3));
    const [first] = await dosesOf(run, item.id);
    const missed = await team.ds.waitFor('dose:missed', (p) => p.dose.id === first!.id, 10_000);
    assert.equal(missed.planItem.missedCount, 1);
    assert.deepEqual(
      dueEvents(team.ps, first!.id).map((d) => d.kind),
      ['due', 'nudge', 'nudge'],
    );
    const rows = await dosesOf(run, item.id);
    assert.deepEqual([rows[0]!.status, rows[0]!.attempts, rows[0]!.nudges], ['missed', 3, 2]);
    assert.equal(rows.length, 4, 'a missed dose of a finite course comes back at the end');
    assert.equal(rows[3]!.dueAt.getTime() - rows[2]!.dueAt.getTime(), DAY);
    assert.deepEqual(
      rows.map((r) => r.localTime),
      ['09:00', '09:00', '09:00', '09:00'],
    );
    const row = await itemRow(run, item.id);
    assert.deepEqual([row.missedCount, row.extendedCount, row.status], [1, 1, 'active']);
  });

  test('quiet hours hold the nudges: the dose is delivered once, then missed', async () => {
    // A day sleeper: asleep 09:10–20:00, so the 10:00 and 12:00 nudges fall in quiet hours.
    const team = await teamWithClock(run, { sleepTime: '09:10', wakeTime: '20:00', quietHours: true });
    const item = await planWith(run, team, 'Take iron', dailyAt(['09:00'], 2));
    const [first] = await dosesOf(run, item.id);
    await team.ps.waitFor('dose:missed', (p) => p.dose.id === first!.id, 10_000);
    assert.deepEqual(
      dueEvents(team.ps, first!.id).map((d) => d.kind),
      ['due'],
    );
    assert.equal((await dosesOf(run, item.id))[0]!.nudges, 0);
  });

  test('extension cap → incomplete; two misses in a row → an alert the doctor acknowledges', async () => {
    const team = await teamWithClock(run, { quietHours: false });
    const item = await planWith(run, team, 'Take fluconazole', dailyAt(['09:00'], 1));
    const done = await team.ps.waitFor('plan:incomplete', (p) => p.planItem.id === item.id, 3 * DAY);
    assert.equal(done.planItem.status, 'incomplete');
    await team.ds.waitFor('plan:incomplete', (p) => p.planItem.id === item.id, 2_000);
    const alert = await team.ds.waitFor(
      'adherence:alert',
      (p) => p.planItem.id === item.id && p.alert.kind === 'missed_doses',
      2_000,
    );
    assert.deepEqual([alert.alert.misses, alert.alert.acknowledgedAt], [2, null]);
    assert.ok(!team.ps.events.some((e) => e.type === 'adherence:alert'), 'alerts are the doctor’s');
    const rows = await dosesOf(run, item.id);
    assert.deepEqual(
      rows.map((r) => r.status),
      ['missed', 'missed'],
      'one dose added, no more than the course had',
    );
    const row = await itemRow(run, item.id);
    assert.deepEqual([row.status, row.missedCount, row.extendedCount], ['incomplete', 2, 1]);

    const open = await team.doctor.api.get('/api/me/alerts');
    assert.ok(
      open.body.alerts.some((a: { id: string }) => a.id === alert.alert.id),
      'listed while open',
    );
    assert.equal((await team.patient.api.get('/api/me/alerts')).status, 403);
    const other = await createDoctor(run.app.url);
    const path = `/api/alerts/${alert.alert.id}/ack`;
    assert.equal((await other.api.post(path)).status, 403);
    assert.equal((await team.patient.api.post(path)).status, 403);
    const acked = await team.doctor.api.post(path);
    assert.equal(acked.status, 200, JSON.stringify(acked.body));
    assert.ok(acked.body.alert.acknowledgedAt);
    const again = await team.doctor.api.post(path);
    assert.equal(again.body.alert.acknowledgedAt, acked.body.alert.acknowledgedAt, 'acknowledging twice is once');
    const viaSocket = await team.ds.request('alert:ack', { alertId: alert.alert.id });
    assert.equal(viaSocket.alert.acknowledgedAt, acked.body.alert.acknowledgedAt);
    const after = await team.doctor.api.get('/api/me/alerts');
    assert.ok(!after.body.alerts.some((a: { id: string }) => a.id === alert.alert.id), 'gone once acknowledged');
    // The doctor's other devices hear it once (the repeats change nothing); the patient never does.
    const heard = await team.ds.waitFor('alert:acknowledged', (p) => p.alert.id === alert.alert.id, 2_000);
    assert.equal(heard.alert.acknowledgedAt, acked.body.alert.acknowledgedAt);
    const replayed = await team.ds.request('sync', { afterSeq: 0 });
    const copies = replayed.events.filter(
      (e: { type: string; payload: { alert?: { id: string } } }) =>
        e.type === 'alert:acknowledged' && e.payload.alert?.id === alert.alert.id,
    );
    assert.equal(copies.length, 1, 'one event for three acknowledgements, in the replay too');
    assert.ok(!team.ps.events.some((e) => e.type === 'alert:acknowledged'), 'the patient never saw the alert');
  });

  test('skip with a reason, snooze inside the window, take late after it', async () => {
    const team = await teamWithClock(run, { quietHours: false });
    const item = await planWith(run, team, 'Take amoxicillin', dailyAt(['09:00'], 3));
    const [first, second, third] = await dosesOf(run, item.id);
    await team.ps.waitFor('dose:due', (p) => p.dose.id === first!.id, 5_000);
    const api = team.patient.api;
    assert.equal((await api.post(`/api/doses/${first!.id}/snooze`, { minutes: 200 })).status, 400);
    const snoozed = await api.post(`/api/doses/${first!.id}/snooze`, { minutes: 30 });
    assert.equal(snoozed.status, 200, JSON.stringify(snoozed.body));
    await team.ds.waitFor('dose:snoozed', (p) => p.dose.id === first!.id, 2_000);
    await team.ps.waitFor('dose:due', (p) => p.dose.id === first!.id && p.kind === 'snooze', 3_000);

    const skipped = await api.post(`/api/doses/${first!.id}/skip`, { reason: 'side_effects' });
    assert.equal(skipped.status, 200, JSON.stringify(skipped.body));
    assert.deepEqual([skipped.body.dose.status, skipped.body.dose.skipReason], ['skipped', 'side_effects']);
    assert.equal(skipped.body.planItem.skippedCount, 1);
    await team.ds.waitFor('dose:skipped', (p) => p.dose.id === first!.id, 2_000);
    assert.equal(
      (await api.post(`/api/doses/${first!.id}/skip`, { reason: 'other' })).body.dose.skipReason,
      'side_effects',
    );
    const takeSkipped = await api.post(`/api/doses/${first!.id}/take`);
    assert.deepEqual([takeSkipped.status, takeSkipped.body.error.code], [409, 'DOSE_SKIPPED']);
    const bad = await api.post(`/api/doses/${second!.id}/skip`, { reason: 'because' });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'VALIDATION_FAILED']);
    const early = await api.post(`/api/doses/${third!.id}/take`);
    assert.deepEqual([early.status, early.body.error.code], [409, 'DOSE_NOT_DUE']);

    await team.ps.waitFor('dose:missed', (p) => p.dose.id === second!.id, 3 * DAY);
    const late = await api.post(`/api/doses/${second!.id}/take`);
    assert.equal(late.status, 200, JSON.stringify(late.body));
    assert.equal(late.body.dose.status, 'late');
    assert.deepEqual([late.body.planItem.completedCheckins, late.body.planItem.missedCount], [1, 0]);
    const seen = await team.ds.waitFor('dose:taken', (p) => p.dose.id === second!.id, 2_000);
    assert.equal(seen.dose.status, 'late');
  });

  test('every 2 hours: the window is the next dose, so a longer snooze is refused', async () => {
    const team = await teamWithClock(run, { quietHours: false });
    const item = await planWith(
      run,
      team,
      'Take salbutamol',
      timing({ frequency: 1, period: 2, periodUnit: 'h', durationDays: 1 }),
    );
    const [first] = await dosesOf(run, item.id);
    await team.ps.waitFor('dose:due', (p) => p.dose.id === first!.id, 5_000);
    const long = await team.patient.api.post(`/api/doses/${first!.id}/snooze`, { minutes: 120 });
    assert.deepEqual([long.status, long.body.error.code], [409, 'SNOOZE_PAST_WINDOW']);
    await team.ps.waitFor('dose:missed', (p) => p.dose.id === first!.id, 5_000);
    // The +180 nudge would fall after the window's end (the next dose): only the +60 one is sent.
    assert.deepEqual(
      dueEvents(team.ps, first!.id).map((d) => d.kind),
      ['due', 'nudge'],
    );
  });

  test('as-needed items have no doses; the note’s maximum is a clear warning, never a lost record', async () => {
    const team = await teamWithClock(run);
    const max2 = timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: null });
    const item = await planWith(run, team, 'Paracetamol 1g when needed', max2, { asNeeded: true });
    assert.equal((await dosesOf(run, item.id)).length, 0);
    const path = `/api/plan-items/${item.id}/prn-doses`;
    for (let i = 0; i < 2; i++) assert.equal((await team.patient.api.post(path)).status, 201);
    const third = await team.patient.api.post(path);
    assert.deepEqual([third.status, third.body.error.code], [409, 'PRN_MAX_REACHED']);
    assert.match(third.body.error.message, /most .* allows is 2/);
    const anyway = await team.patient.api.post(path, { overMax: true });
    assert.equal(anyway.status, 201, JSON.stringify(anyway.body));
    assert.deepEqual([anyway.body.prnDose.overMax, anyway.body.today, anyway.body.maxPerDay], [true, 3, 2]);
    const live = await team.ds.waitFor('prn:taken', (p) => p.prnDose.overMax === true, 2_000);
    assert.equal(live.planItem.id, item.id);
    assert.equal(team.ds.events.filter((e) => e.type === 'prn:taken').length, 3, 'the refused one wrote nothing');
    assert.equal((await team.doctor.api.post(path)).status, 403);
  });

  test('a duplicate sweep never doubles a delivery, an outcome or a count', async () => {
    const team = await teamWithClock(run, { quietHours: false });
    const item = await planWith(run, team, 'Take doxycycline', dailyAt(['09:00'], 2));
    const [first] = await dosesOf(run, item.id);
    await team.ps.waitFor('dose:due', (p) => p.dose.id === first!.id && p.kind === 'due', 5_000);
    // Sweeps running at once, beside the worker's own: each dose step is claimed once.
    await Promise.all([sweepOnce(run.app.ctx), sweepOnce(run.app.ctx), sweepOnce(run.app.ctx)]);
    const [a, b] = await Promise.all([
      team.patient.api.post(`/api/doses/${first!.id}/take`),
      team.ps.request('dose:take', { doseId: first!.id }),
    ]);
    assert.equal(a.status, 200);
    assert.equal(b.ok, true, JSON.stringify(b));
    // A taken dose whose next step looks due is never claimed: a sweep does nothing with it.
    await run.app.ctx.db.update(reminders).set({ nextAttemptAt: new Date() }).where(eq(reminders.id, first!.id));
    await sweepOnce(run.app.ctx);
    await team.ds.waitFor('dose:taken', (p) => p.dose.id === first!.id, 2_000);
    assert.equal(team.ds.events.filter((e) => e.type === 'dose:taken').length, 1);
    const row = await itemRow(run, item.id);
    assert.deepEqual([row.completedCheckins, row.missedCount], [1, 0]);
    assert.equal(
      new Set(dueEvents(team.ps, first!.id).map((d) => d.dose.attempts)).size,
      dueEvents(team.ps, first!.id).length,
    );
  });
});
