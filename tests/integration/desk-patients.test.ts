// The busy doctor's list (issue 15, item 1): `GET /api/me/patients?sort=attention&q=&filter=` over
// constructed adherence histories on a short day — the patient with an alert first, then one with
// a dose overdue now, then the rest; search and filters; an alert moves a patient up live.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { assignments } from '../../src/db/schema.js';
import { createPatient } from '../helpers/factories.js';
import { dailyAt, dosesOf, planWith, teamWithClock } from '../helpers/doses.js';
import { type ReminderApp, startReminderApp } from '../helpers/reminderApp.js';
import { connectSocket } from '../helpers/sockets.js';

let run: ReminderApp;
before(async () => {
  run = await startReminderApp(8000, { DOSE_NUDGE_MINUTES: '60,180' });
});
after(() => run?.stop());

test('sort by attention, search, filters, and an alert moves the patient up live', async () => {
  // Three patients of one doctor: `alerting` will miss twice, `due` has a dose open now, `idle` no plan.
  const alerting = await teamWithClock(run, { quietHours: false });
  const doctor = alerting.doctor;
  const due = await createPatient(run.app.url, { doctor, name: 'Dana Due' });
  const idle = await createPatient(run.app.url, { doctor, name: 'Ivo Idle' });
  run.patients.push(due.id, idle.id);
  const ds = alerting.ds;
  const list = async (query = '') => {
    const res = await doctor.api.get(`/api/me/patients${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.patients as Array<Record<string, any>>;
  };
  const byName = await list('?sort=name');
  assert.equal(byName.length, 3);

  const item = await planWith(run, alerting, 'Take nitrofurantoin', dailyAt(['09:00'], 1));
  // Due's dose: its window is half a day (4 s); the list is read while it is open.
  const dueItem = await planWith(
    run,
    { app: run.app, doctor, patient: due } as never,
    'Take cefalexin',
    dailyAt(['09:00'], 3),
  );
  const [open] = await dosesOf(run, dueItem.id);
  const dps = await connectSocket(run.app.url, due.token);
  run.sockets.push(dps);
  await dps.waitFor('dose:due', (p) => p.dose.id === open!.id, 5_000);
  const early = await list('?sort=attention');
  assert.equal(early[0]!.id, due.id, 'an overdue dose first while nobody has an alert');
  assert.equal(early[0]!.overdueNow, 1);
  // Dana takes it: her next misses (if any) come a day apart, after the alert below.
  assert.equal((await due.api.post(`/api/doses/${open!.id}/take`)).status, 200);

  await ds.waitFor('adherence:alert', (p) => p.planItem.id === item.id && p.alert.kind === 'missed_doses', 30_000);
  const ranked = await list('?sort=attention');
  assert.deepEqual(
    ranked.map((p) => p.id).slice(0, 1),
    [alerting.patient.id],
    'the alert moved the patient to the top',
  );
  const top = ranked[0]!;
  assert.ok(top.openAlerts >= 1);
  assert.equal(top.missedLast7Days, 2);
  assert.equal(top.adherence7d, 0);
  assert.equal(ranked.at(-1)!.id, idle.id, 'nothing to decide sorts last');

  // Dana's doses go on being missed meanwhile, so she may have an alert of her own by now.
  const alerted = await list('?filter=alerts');
  assert.ok(alerted.some((p) => p.id === alerting.patient.id));
  assert.ok(alerted.every((p) => p.openAlerts > 0 && p.id !== idle.id));
  assert.deepEqual((await list('?filter=no-plan')).map((p) => p.id).includes(idle.id), true);
  assert.deepEqual(
    (await list('?q=ivo')).map((p) => p.id),
    [idle.id],
  );
  assert.deepEqual(await list('?q=%25'), [], 'a search is text, not a pattern');
  for (const bad of ['?sort=loudest', '?filter=all', `?q=${'x'.repeat(101)}`, '?page=2']) {
    const res = await doctor.api.get(`/api/me/patients${bad}`);
    assert.deepEqual([res.status, res.body.error.code], [400, 'VALIDATION_FAILED'], bad);
  }
  assert.equal((await alerting.patient.api.get('/api/me/patients')).status, 403);
  // A patient who leaves is not on the list any more.
  await run.app.ctx.db.update(assignments).set({ active: false }).where(eq(assignments.patientId, idle.id));
  assert.ok(!(await list()).some((p) => p.id === idle.id));
});
