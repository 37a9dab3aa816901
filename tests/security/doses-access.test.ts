// Who may act on and read a patient's doses (docs/POLICIES.md): only the patient records a dose
// (take, skip, snooze, as-needed), only the patient and their current doctor read the calendar and
// adherence, only the doctor an alert was raised to acknowledges it, while still the patient's.
// Every refusal is the error shape with nothing written; a former doctor hears no more dose events.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { adherenceAlerts, auditLog } from '../../src/db/schema.js';
import { timing } from '../../src/extraction/schema.js';
import { buildPlan, createDoctor } from '../helpers/factories.js';
import { dailyAt, dosesOf, itemRow, planWith, teamWithClock } from '../helpers/doses.js';
import { type ReminderApp, startReminderApp } from '../helpers/reminderApp.js';
import { connectSocket } from '../helpers/sockets.js';

let run: ReminderApp;
before(async () => {
  run = await startReminderApp(8000, { DOSE_NUDGE_MINUTES: '60,180' });
});
after(() => run?.stop());

const refused = (res: { status: number; body: any }, status: number) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(typeof res.body.error.code, 'string');
  assert.equal(typeof res.body.error.message, 'string');
};

test('only the patient records a dose; doctors and other patients are refused, nothing changes', async () => {
  const team = await teamWithClock(run, { quietHours: false });
  const other = await run.careTeam();
  const prnTiming = timing({ frequency: 4, period: 1, periodUnit: 'd', durationDays: null });
  const { plan } = await buildPlan(
    { app: run.app, ...team },
    {
      items: [
        { text: 'Take cefalexin', asNeeded: false, timing: dailyAt(['09:00'], 2), source: '' },
        { text: 'Paracetamol when needed', asNeeded: true, timing: prnTiming, source: '' },
      ],
    },
  );
  const [item, prn] = plan as [(typeof plan)[0], (typeof plan)[0]];
  const [dose] = await dosesOf(run, item.id);
  await team.ps.waitFor('dose:due', (p) => p.dose.id === dose!.id, 5_000);
  for (const who of [team.doctor, other.patient, other.doctor]) {
    refused(await who.api.post(`/api/doses/${dose!.id}/take`), 403);
    refused(await who.api.post(`/api/doses/${dose!.id}/skip`, { reason: 'other' }), 403);
    refused(await who.api.post(`/api/doses/${dose!.id}/snooze`, { minutes: 10 }), 403);
    refused(await who.api.post(`/api/plan-items/${prn.id}/prn-doses`), 403);
  }
  const viaSocket = await team.ds.request('dose:take', { doseId: dose!.id });
  assert.deepEqual([viaSocket.ok, viaSocket.error.code], [false, 'FORBIDDEN']);
  const prnSocket = await other.ps.request('prn:log', { planItemId: prn.id });
  assert.deepEqual([prnSocket.ok, prnSocket.error.code], [false, 'FORBIDDEN']);
  const [after] = await dosesOf(run, item.id);
  assert.deepEqual([after!.status, after!.snoozedUntil, after!.skipReason], ['due', null, null]);
  const row = await itemRow(run, item.id);
  assert.deepEqual([row.completedCheckins, row.skippedCount], [0, 0]);
  refused(await team.patient.api.post('/api/doses/not-a-uuid/take'), 400);
  refused(await team.patient.api.post(`/api/doses/${dose!.id}/snooze`, { minutes: 10, extra: 1 }), 400);
  refused(await team.patient.api.post(`/api/doses/${dose!.id}/snooze`, { minutes: 2 ** 40 }), 400);
});

test('the calendar and adherence: the patient and their current doctor, then not the former one', async () => {
  const team = await teamWithClock(run);
  await planWith(run, team, 'Take lisinopril', dailyAt(['08:00'], 5), { firstDueAt: null });
  const paths = [`/api/patients/${team.patient.id}/doses`, `/api/patients/${team.patient.id}/adherence?days=7`];
  for (const path of paths) {
    assert.equal((await team.patient.api.get(path)).status, 200);
    assert.equal((await team.doctor.api.get(path)).status, 200);
    refused(await (await createDoctor(run.app.url)).api.get(path), 403);
  }
  const cal = await team.doctor.api.get(paths[0]!);
  assert.ok(cal.body.doses.some((d: any) => /lisinopril/.test(d.text)));
  const reads = await run.app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, team.doctor.id), inArray(auditLog.action, ['doses.read', 'adherence.read'])));
  assert.ok(reads.length >= 3, 'every read of the calendar and adherence is on the trail');

  const next = await createDoctor(run.app.url);
  assert.equal((await team.patient.api.put('/api/me/doctor', { doctorId: next.id })).status, 200);
  for (const path of paths) refused(await team.doctor.api.get(path), 403);
  assert.equal((await next.api.get(paths[0]!)).status, 200);
});

test('alerts: only the doctor it was raised to, while the patient is theirs; the former doctor hears nothing more', async () => {
  const team = await teamWithClock(run, { quietHours: false });
  const item = await planWith(run, team, 'Take nitrofurantoin', dailyAt(['09:00'], 1));
  const alert = await team.ds.waitFor(
    'adherence:alert',
    (p) => p.planItem.id === item.id && p.alert.kind === 'missed_doses',
    30_000,
  );
  const next = await createDoctor(run.app.url);
  assert.equal((await team.patient.api.put('/api/me/doctor', { doctorId: next.id })).status, 200);
  refused(await team.doctor.api.post(`/api/alerts/${alert.alert.id}/ack`), 403);
  refused(await next.api.post(`/api/alerts/${alert.alert.id}/ack`), 403);
  const [row] = await run.app.ctx.db.select().from(adherenceAlerts).where(eq(adherenceAlerts.id, alert.alert.id));
  assert.equal(row!.acknowledgedAt, null);

  // A new plan under the new doctor: its doses reach the new doctor, never the former one.
  const ns = await connectSocket(run.app.url, next.token);
  run.sockets.push(ns);
  const seenBefore = team.ds.events.length;
  const fresh = await planWith(run, { ...team, doctor: next }, 'Take ibuprofen', dailyAt(['09:00'], 2));
  const [d] = await dosesOf(run, fresh.id);
  await team.ps.waitFor('dose:due', (p) => p.dose.id === d!.id, 5_000);
  assert.equal((await team.patient.api.post(`/api/doses/${d!.id}/take`)).status, 200);
  await ns.waitFor('dose:taken', (p) => p.dose.id === d!.id, 5_000);
  const leaked = team.ds.events.slice(seenBefore).filter((e) => e.type.startsWith('dose:') || e.type === 'prn:taken');
  assert.deepEqual(leaked, [], 'a former doctor receives no dose events');
});
