// The patient's doses in a real browser (issue 12, "Done when"): the today card shows each dose
// at its local time and the week has them all; Take, Skip (with a reason) and Snooze on the due
// card each change the dose, on the page and in the API; an as-needed dose past the note's
// maximum shows the warning and "I already took it" logs it anyway; the settings form saves and
// the page follows it. Days last a minute (dose-helpers.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { timing } from '../../src/extraction/schema.js';
import { buildPlan } from '../helpers/factories.js';
import { call, type Dose, type DoseHarness, doses, SHOTS, startDoseHarness } from './dose-helpers.js';

let h: DoseHarness;
before(async () => {
  h = await startDoseHarness();
});
after(async () => {
  await h?.close();
});

const once = (text: string) => ({
  text,
  asNeeded: false,
  timing: timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 3 }),
  source: '',
});

test('the patient: today at local times, Take / Skip (reason) / Snooze from the due card, as needed, settings', async () => {
  const { patient, doctor, team } = await h.couple('Ines');
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
  await patient.evaluate(() => window.scrollTo(0, 0));
  await patient.screenshot({ path: path.join(SHOTS, 'patient-doses.png') });

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
  await warning.waitFor({ state: 'detached' }); // the warning goes once it is logged
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
