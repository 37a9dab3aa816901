// Doses on the patient's clock in a real browser (issue 12, "Done when"): the today card shows each
// dose at its local time; Take, Skip (with a reason) and Snooze on the due card each change the
// dose, on the page and in the API; an as-needed dose past the note's maximum shows the warning
// and "I already took it" logs it anyway; the settings form saves and the page follows; the doctor
// sees an adherence alert live and acknowledges it. Days last a minute (SCHEDULE_DAY_MS), so a
// once-daily dose stays due for 30 s (12 h of the patient's day) and an every-3-hours one 7.5 s.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { adherenceAlerts, planItems } from '../../src/db/schema.js';
import { timing } from '../../src/extraction/schema.js';
import { buildPlan } from '../helpers/factories.js';
import { LIVE, pair, signUp, startHarness, type Harness } from './helpers.js';

const SHOTS = process.env.SCREENSHOTS_DIR
  ? path.resolve(process.env.SCREENSHOTS_DIR)
  : path.join(os.tmpdir(), 'carebeat-screenshots');
const DAY_MS = 60_000;
const patients: string[] = [];

let h: Harness;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness({ SCHEDULE_DAY_MS: String(DAY_MS) });
});
after(async () => {
  // Plans that keep producing doses would go on delivering to later files sharing this queue.
  if (patients.length && h)
    await h.app.ctx.db.update(planItems).set({ status: 'stopped' }).where(inArray(planItems.patientId, patients));
  await h?.close();
});

/** The API as the signed-in page's user. */
async function call(page: Page, method: string, url: string, body?: unknown) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const s = JSON.parse(localStorage.getItem('carebeat:session')!);
      const headers: Record<string, string> = { authorization: `Bearer ${s.idToken}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.status, body: await r.json() };
    },
    { method, url, body },
  );
}

/** A doctor and a patient signed up in two browsers and paired; the doctor has the patient open. */
async function couple(tag: string) {
  const { page: doctor } = await h.openPage();
  const { page: patient } = await h.openPage();
  const doctorName = `Dr. ${tag} Osei`;
  const patientName = `${tag} Moreau ${Date.now() % 1000}`;
  await signUp(doctor, doctorName, 'Doctor');
  await signUp(patient, patientName, 'Patient');
  await (await pair(doctor, patient, doctorName, patientName)).click();
  await doctor.getByRole('heading', { name: patientName, level: 2 }).waitFor();
  const team = {
    doctor: { id: (await call(doctor, 'GET', '/api/me')).body.user.id as string },
    patient: { id: (await call(patient, 'GET', '/api/me')).body.user.id as string },
  };
  patients.push(team.patient.id);
  return { doctor, patient, patientName, team };
}

const once = (text: string) => ({
  text,
  asNeeded: false,
  timing: timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 3 }),
  source: '',
});
type Dose = { id: string; planItemId: string; text: string; status: string; localDate: string; localTime: string };
const doses = async (page: Page, patientId: string) =>
  (await call(page, 'GET', `/api/patients/${patientId}/doses`)).body as { timezone: string; doses: Dose[] };

test('the patient: today at local times, Take / Skip (reason) / Snooze from the due card, as needed, settings', async () => {
  const { patient, doctor, team } = await couple('Ines');
  const items = [once('Take vitamin D 1000 IU'), once('Take iron 65 mg'), once('Take zinc 25 mg')];
  const prn = {
    text: 'Take paracetamol 500 mg',
    asNeeded: true,
    timing: timing({ frequency: 1, period: 1, periodUnit: 'd' }),
    source: '',
  };
  const { plan } = await buildPlan(
    { app: h.app, ...team },
    { items: [...items, prn], firstDueAt: new Date(Date.now() + 4_000) },
  );
  const [vitamin, iron, zinc] = plan.map((p) => p.id);

  // Before anything is due: today's three doses at the local times the calendar says.
  await patient.locator('.today-list .dose-row').nth(2).waitFor();
  const first = (await doses(patient, team.patient.id)).doses;
  const today = first.filter((d) => d.localDate === first[0]!.localDate);
  assert.equal(today.length, 3, 'three doses on the first day');
  for (const d of today) {
    const row = patient.locator(`.today-list .dose-row[data-dose="${d.id}"]`);
    assert.equal(await row.locator('.dose-time').innerText(), d.localTime, `${d.text}: the local time`);
    assert.match(await row.innerText(), new RegExp(d.text.split(' ')[1]!));
  }
  const next = first.find((d) => d.status === 'scheduled' && !today.includes(d));
  assert.ok(next, 'a dose on the next day');
  await patient.locator('.next-dose', { hasText: /^Next dose (at|on .+ at) \d\d:\d\d$/ }).waitFor();
  assert.equal(await patient.locator('.week .week-day').count(), 7, 'the week has seven days');
  assert.equal(await patient.locator('.week .dose-row').count(), first.length, 'every dose of the week is on it');

  // They fall due together: one due card, three doses, each with Take, Skip and Snooze.
  await patient.locator('.due-card .due-item').nth(2).waitFor();
  const byItem = (id: string) => (today.find((d) => d.planItemId === id) ?? assert.fail(`no dose of ${id}`)).id;

  await patient.getByRole('button', { name: 'Take: Take vitamin D 1000 IU' }).click();
  await patient.locator(`.today-list .dose-row.taken[data-dose="${byItem(vitamin!)}"]`).waitFor();
  await patient.locator('.bubble.taken', { hasText: 'Took: Take vitamin D' }).waitFor();

  await patient.getByRole('button', { name: 'Skip: Take iron 65 mg' }).click();
  await patient.getByLabel('Why are you skipping it?').selectOption('unwell');
  await patient.getByRole('button', { name: 'Skip this dose' }).click();
  await patient.locator(`.today-list .dose-row.skipped[data-dose="${byItem(iron!)}"]`).waitFor();
  await patient.locator('.dose-entry.skipped', { hasText: 'Reason: feeling unwell' }).waitFor();

  const snoozeAnswer = patient.waitForResponse((r) => r.url().endsWith('/snooze'));
  await patient.getByRole('button', { name: 'Snooze 10 minutes: Take zinc 25 mg' }).click();
  const snoozeBody = await (await snoozeAnswer).json();
  assert.ok(snoozeBody.dose.snoozedUntil, 'the API snoozed it');
  assert.ok(Date.parse(snoozeBody.dose.snoozedUntil) < Date.parse(snoozeBody.dose.windowEndsAt), 'within the window');
  await patient.locator('.dose-entry', { hasText: /zinc[\s\S]*Snoozed once/ }).waitFor();
  // Ten minutes of a one-minute day is over in well under a second: the dose is due again.
  await patient.locator('.due-item', { hasText: /zinc[\s\S]*back after a snooze/ }).waitFor();

  const after = new Map((await doses(patient, team.patient.id)).doses.map((d) => [d.id, d]));
  assert.equal(after.get(byItem(vitamin!))?.status, 'taken');
  assert.equal(after.get(byItem(iron!))?.status, 'skipped');
  const snoozed = after.get(byItem(zinc!)) as Dose & { attempts: number };
  assert.equal(snoozed.status, 'due', 'a snoozed dose is due again once the snooze is over');
  assert.ok(snoozed.attempts >= 2, 'delivered again after the snooze');
  const skipped = after.get(byItem(iron!)) as Dose & { skipReason: string };
  assert.equal(skipped.skipReason, 'unwell');
  // The doctor sees the outcomes live, with the counts per item.
  await doctor.locator('.bubble.taken', { hasText: 'vitamin D' }).waitFor();
  await doctor.locator('.dose-counts li', { hasText: /iron[\s\S]*Skipped 1/ }).waitFor();
  await patient.locator('.due-card').screenshot({ path: path.join(SHOTS, 'patient-due.png') });

  // As needed: the first dose logs; the second is past the note's maximum (1 a day).
  const log = patient.getByRole('button', { name: 'Log a dose: Take paracetamol 500 mg' });
  await log.click();
  await patient.locator('.bubble.prn', { hasText: 'paracetamol' }).waitFor();
  await log.click();
  const warning = patient.locator('.prn-warning');
  await warning.waitFor();
  assert.match(await warning.innerText(), /the most your doctor's note allows is 1/);
  await warning.getByRole('button', { name: 'I already took it' }).click();
  await patient.locator('.bubble.prn', { hasText: 'over the daily maximum' }).waitFor();
  assert.equal(await warning.count(), 0, 'the warning goes once it is logged');
  await doctor.locator('.bubble.prn', { hasText: 'over the daily maximum' }).waitFor();

  // Settings: another zone and waking day; saved, and the calendar is read again in that zone.
  await patient.getByLabel('Time zone').selectOption('Australia/Adelaide');
  await patient.getByLabel('Wake time').fill('06:00');
  await patient.getByLabel('Sleep time').fill('21:30');
  await patient.getByLabel(/Quiet hours/).uncheck();
  await patient.getByRole('button', { name: 'Save settings' }).click();
  await patient.getByText('Saved. Your doses follow Australia/Adelaide time.').waitFor();
  await patient.locator('.tz-line', { hasText: 'Times in Australia/Adelaide' }).waitFor();
  const saved = (await call(patient, 'GET', '/api/me/settings')).body;
  assert.deepEqual(saved, { timezone: 'Australia/Adelaide', wakeTime: '06:00', sleepTime: '21:30', quietHours: false });
  const replanned = await doses(patient, team.patient.id);
  assert.equal(replanned.timezone, 'Australia/Adelaide');
  const upcoming = replanned.doses.filter((d) => d.status === 'scheduled');
  assert.ok(upcoming.length > 0, 'doses still to come');
  // The week shows the re-planned doses (new rows), each at the local time the API gives it.
  for (const d of upcoming) {
    const row = patient.locator(`.week .dose-row[data-dose="${d.id}"]`);
    await row.waitFor();
    assert.equal(await row.locator('.dose-time').innerText(), d.localTime);
  }
  await patient.reload();
  await patient.locator('.tz-line', { hasText: 'Times in Australia/Adelaide' }).waitFor();
  assert.equal(
    await patient.getByLabel('Time zone').inputValue(),
    'Australia/Adelaide',
    'the form shows what was saved',
  );
  assert.equal(await patient.getByLabel('Wake time').inputValue(), '06:00');
  assert.deepEqual(h.errors, [], 'no CSP violations or uncaught errors');
});

test('the doctor: an adherence alert arrives live after two misses in a row and is acknowledged', async () => {
  const { patient, doctor, patientName, team } = await couple('Tomas');
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
