// The demo client in a real browser (Debian's Chromium, headless, through playwright-core): a
// doctor and a patient in two browser contexts go from sign-up to a dose taken from the due card, live on
// both sides; a reload keeps the session (and refreshes a token about to expire); going offline
// and back syncs what was missed, once. Screenshots of both views land in
// $SCREENSHOTS_DIR (docs/screenshots/ with `npm run screenshots`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { NOTE_1, NOTE_2, notesWith, pair, sendNote, signUp, startHarness, type Harness } from './helpers.js';

// The committed screenshots change only when asked (`npm run screenshots`); a plain test run
// writes them to a temp dir, so `npm test` leaves the working tree as it found it.
const SHOTS = process.env.SCREENSHOTS_DIR
  ? path.resolve(process.env.SCREENSHOTS_DIR)
  : path.join(os.tmpdir(), 'carebeat-screenshots');
const NOTE_3 = 'Unreadable scribble the extractor gives up on.';

let h: Harness;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const shot = (page: Page, file: string, fullPage = false) =>
  page.screenshot({ path: path.join(SHOTS, file), fullPage });

test('doctor and patient in two browsers: sign-up → note → steps → dose due → taken, live; reload; offline sync', async () => {
  const { page: doctor } = await h.openPage();
  const { context: patientCtx, page: patient } = await h.openPage();
  const doctorName = 'Dr. Maya Chen';
  const patientName = `Sam Rivera ${Date.now() % 1000}`;

  // Sign up both; the patient picks the doctor, and the doctor sees the patient arrive live.
  await signUp(doctor, doctorName, 'Doctor');
  await doctor.getByRole('heading', { name: 'Your patients (0)' }).waitFor();
  await signUp(patient, patientName, 'Patient');
  const row = await pair(doctor, patient, doctorName, patientName);
  assert.match(await row.innerText(), /New patient/);
  await row.click();
  await doctor.getByRole('heading', { name: patientName, level: 2 }).waitFor();
  assert.doesNotMatch(await row.innerText(), /New patient/, 'opening the patient clears the badge');

  // The doctor writes a note; the patient sees the note, then its steps, live.
  await sendNote(doctor, patientName, NOTE_1);
  await notesWith(patient, NOTE_1).waitFor();
  await patient
    .locator('.plan .plan-text', { hasText: /amoxicillin 500mg/i })
    .first()
    .waitFor();
  assert.match(await patient.locator('.side').innerText(), /once a day for 3 days[\s\S]*0\/3 doses taken/);
  await doctor.getByText('Extracted automatically from the note').first().waitFor();
  await doctor.getByText(/Seen by patient/).waitFor(); // the patient's read receipt (ack)

  // The patient ticks the checklist item; the doctor's plan panel shows it done.
  await patient.getByRole('checkbox', { name: /thermometer/i }).check();
  await doctor.locator('.plan-box .check.done', { hasText: /thermometer/i }).waitFor();

  // A dose falls due (6 s "days"); the patient takes it from the due card; the doctor sees it live.
  const take = patient.getByRole('button', { name: /^Take: .*amoxicillin/i });
  await take.click({ timeout: 30_000 });
  await patient.locator('.bubble.taken', { hasText: /amoxicillin/i }).waitFor();
  await patient.locator('.side', { hasText: '1/3 doses taken' }).waitFor();
  await patient.locator('.week .dose-row.taken').first().waitFor();
  await doctor.locator('.bubble.taken', { hasText: /amoxicillin/i }).waitFor();
  await doctor.locator('.plan-box', { hasText: '1/3 doses taken' }).waitFor();
  await doctor.locator('.dose-counts .count.taken b', { hasText: '1' }).waitFor();
  await doctor.locator('.dose-counts .count.late b', { hasText: '0' }).waitFor(); // GET /adherence landed
  assert.match(await row.innerText(), /On track|Missed \d/);
  await shot(doctor, 'doctor.png');
  // The next dose comes due: the patient view with its due card, today, the week and the timeline.
  await take.waitFor({ timeout: 30_000 });
  await shot(patient, 'patient.png');

  // A reload keeps the session and restores the timeline; a token close to expiry gets refreshed.
  await patient.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('carebeat:session')!);
    localStorage.setItem('carebeat:session', JSON.stringify({ ...s, expiresAt: Date.now() + 60_000 }));
  });
  const refreshed = patient.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200);
  await patient.reload();
  await refreshed;
  await patient.locator('.who-am-i', { hasText: patientName }).waitFor();
  await notesWith(patient, NOTE_1).waitFor();
  await patient
    .locator('.bubble.taken', { hasText: /amoxicillin/i })
    .first()
    .waitFor();
  assert.equal(await patient.getByRole('button', { name: 'Log in' }).count(), 0);
  const expiresAt = await patient.evaluate(
    () => JSON.parse(localStorage.getItem('carebeat:session')!).expiresAt as number,
  );
  assert.ok(expiresAt > Date.now() + 30 * 60_000, 'the refreshed session runs for about an hour again');
  await patient.locator('.connection.online').waitFor();

  // Offline: the patient's client notices; a note written meanwhile arrives on reconnect, once.
  await patientCtx.setOffline(true);
  await patient.locator('.connection.offline').waitFor();
  await sendNote(doctor, patientName, NOTE_2);
  await doctor.locator('.plan-box .plan-text', { hasText: /ibuprofen/i }).waitFor(); // committed and extracted
  await patient.waitForTimeout(500);
  assert.equal(await notesWith(patient, NOTE_2).count(), 0, 'nothing arrives while offline');
  await patientCtx.setOffline(false);
  await notesWith(patient, NOTE_2).waitFor();
  await patient.locator('.connection.online').waitFor();
  await patient.getByText('Your plan changed.').waitFor(); // the new note replaced the amoxicillin plan
  await patient.locator('.side .plan-text', { hasText: /ibuprofen/i }).waitFor();
  // The calendar is read again for the plan that came through the sync: its doses are on the week.
  await patient
    .locator('.week .dose-row', { hasText: /ibuprofen/i })
    .first()
    .waitFor();
  assert.equal(await notesWith(patient, NOTE_2).count(), 1, 'the missed note shows exactly once');
  assert.equal(await notesWith(patient, NOTE_1).count(), 1, 'nothing from before is duplicated');
  const keys = await patient
    .locator('.timeline > li')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-key')));
  assert.equal(new Set(keys).size, keys.length, `duplicate timeline entries: ${keys.join(', ')}`);
  assert.equal(
    await patient.locator('.side .plan-text', { hasText: /amoxicillin/i }).count(),
    0,
    'the replaced plan is gone from "Your plan"',
  );

  // Phone width: everything fits in 390 px, nothing scrolls sideways.
  await patient.setViewportSize({ width: 390, height: 844 });
  await patient.getByRole('button', { name: 'Got it' }).waitFor();
  assert.ok(
    await patient.evaluate(() => document.documentElement.scrollWidth <= 390),
    'no horizontal scrolling at 390 px',
  );
  await shot(patient, 'patient-mobile.png', true);

  // Extraction fails on the next note: the doctor is told plainly and writes the steps instead.
  await sendNote(doctor, patientName, NOTE_3);
  const failure = doctor.getByRole('alert').filter({ hasText: 'Steps could not be extracted from your latest note' });
  await failure.waitFor();
  await failure.getByRole('button', { name: 'Write the steps yourself' }).click();
  await doctor.getByRole('button', { name: 'Add plan item' }).click();
  await doctor.getByLabel('What to do').fill('Drink a glass of water');
  await doctor.getByLabel('Times', { exact: true }).fill('3');
  await doctor.getByLabel('For days').fill('2');
  await doctor.getByRole('button', { name: 'Add task' }).click();
  await doctor.getByLabel('Task', { exact: true }).fill('Book a follow-up visit');
  await shot(doctor, 'doctor-editor.png');
  await doctor.getByRole('button', { name: 'Save steps' }).click();
  await doctor.locator('.plan-box').getByText('Written by the doctor').waitFor();
  assert.equal(await failure.count(), 0, 'the failure alert goes once the steps exist');
  await patient.locator('.side .plan-text', { hasText: 'Drink a glass of water' }).waitFor();
  assert.match(await patient.locator('.side').innerText(), /3 times a day for 2 days[\s\S]*0\/6 doses taken/);
  await patient.getByRole('checkbox', { name: 'Book a follow-up visit' }).waitFor();
  assert.equal(await patient.locator('.side .plan-text', { hasText: /ibuprofen/i }).count(), 0);

  // A note with parts that cannot become a safe schedule waits for the doctor's review.
  await sendNote(doctor, patientName, 'Amoxicillin 500 mg tds. Also start colchicine.');
  await doctor.locator('.plan-box .review .unclear').first().waitFor();
  await doctor.locator('.plan-box .review .unclear').first().hover();
  await shot(doctor, 'doctor-review.png');

  assert.deepEqual(h.errors, [], 'no CSP violations or uncaught errors in either page');
});
