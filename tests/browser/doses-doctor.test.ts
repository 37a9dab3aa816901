// The doctor's side of doses in a real browser (issue 12, "Done when"): two misses in a row raise
// an adherence alert, which arrives live as a banner and a badge on that patient, with the
// item's counts; Acknowledge records it, and it stays acknowledged after a reload. Days last a
// minute (dose-helpers.ts), so an every-3-hours dose is missed 7.5 s after it falls due.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { adherenceAlerts } from '../../src/db/schema.js';
import { timing } from '../../src/extraction/schema.js';
import { buildPlan } from '../helpers/factories.js';
import { call, type DoseHarness, SHOTS, startDoseHarness } from './dose-helpers.js';
import { LIVE } from './helpers.js';

let h: DoseHarness;
before(async () => {
  h = await startDoseHarness();
});
after(async () => {
  await h?.close();
});

test('the doctor: an adherence alert arrives live after two misses in a row and is acknowledged', async () => {
  const { patient, doctor, patientName, team } = await h.couple('Tomas');
  // Every 3 hours: each window closes at the next dose, 7.5 s of a one-minute day.
  const item = {
    text: 'Take metformin 500 mg',
    asNeeded: false,
    timing: timing({ frequency: 1, period: 3, periodUnit: 'h', durationDays: 2 }),
    source: '',
  };
  const { plan } = await buildPlan(
    { app: h.app, ...team },
    { items: [item], firstDueAt: new Date(Date.now() + 1_000) },
  );
  await patient.locator('.due-item', { hasText: 'metformin' }).waitFor();

  const banner = doctor.locator('.alert-banner', { hasText: `${patientName} missed 2 doses in a row` });
  await banner.waitFor({ timeout: 60_000 });
  await doctor.locator('.patient .alert-chip', { hasText: 'Alert (1)' }).waitFor();
  await doctor.locator('.alert-entry', { hasText: /Open[\s\S]*metformin/ }).waitFor();
  await doctor.locator('.dose-counts li', { hasText: /metformin[\s\S]*Missed [2-9]/ }).waitFor({ timeout: LIVE });
  await doctor.screenshot({ path: path.join(SHOTS, 'doctor-alert.png') });
  const [stored] = await h.app.ctx.db.select().from(adherenceAlerts).where(eq(adherenceAlerts.planItemId, plan[0]!.id));
  assert.ok(stored, 'the alert is stored');
  assert.equal(stored.acknowledgedAt, null);

  // Misses go on every 7.5 s and may raise further alerts: everything below is about this one.
  const mine = doctor.locator(`.alert-banner[data-alert="${stored.id}"]`);
  const entry = doctor.locator(`.timeline > li[data-key="alert:${stored.id}"]`);
  await mine.getByRole('button', { name: 'Acknowledge' }).click();
  await mine.waitFor({ state: 'detached' });
  await entry.filter({ hasText: 'Acknowledged' }).waitFor();
  const [acked] = await h.app.ctx.db.select().from(adherenceAlerts).where(eq(adherenceAlerts.id, stored.id));
  assert.ok(acked?.acknowledgedAt, 'the API recorded the acknowledgement');

  // After a reload the record replays the alert; it stays acknowledged.
  await doctor.reload();
  await entry.filter({ hasText: 'Acknowledged' }).waitFor();
  assert.equal(await mine.count(), 0, 'no banner for the acknowledged alert');
  // The patient's counts agree with the adherence read.
  const adherence = (await call(doctor, 'GET', `/api/patients/${team.patient.id}/adherence?days=7`)).body;
  assert.ok(adherence.items[0].missed >= 2, 'two misses or more on record');
  assert.deepEqual(h.errors, [], 'no CSP violations or uncaught errors');
});
