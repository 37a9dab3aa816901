// The doctor's desk in a real browser (issue 15): a doctor with 500 patients, signed up over HTTP
// through the Auth Emulator (concurrency-limited), a few with constructed adherence histories (an
// open alert, a dose overdue now, three misses, every dose taken). The list comes in attention
// order; search and filters narrow it; an alert raised live moves its patient to the top; the
// heatmap, legend and trend of a patient, its CSV download, and the patient's "Your week". The
// render time of the 500-row list is printed (no timed assertion: the machine is shared).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { adherenceAlerts, reminders } from '../../src/db/schema.js';
import { scaleAt } from '../../src/doses/dayScale.js';
import { clockOf } from '../../src/doses/patientClock.js';
import { timing } from '../../src/extraction/schema.js';
import { buildPlan, createPatient, type TestUser } from '../helpers/factories.js';
import { dailyAt } from '../helpers/doses.js';
import { call, type DoseHarness, SHOTS, startDoseHarness } from './dose-helpers.js';
import { LIVE, signUp } from './helpers.js';

const PATIENTS = 500;
const DAY_MS = 60_000; // dose-helpers.ts: one-minute days
let h: DoseHarness;
before(async () => {
  h = await startDoseHarness();
});
after(async () => {
  await h?.close();
});

/** Runs `fn` over `n` indexes, at most `limit` at a time. */
async function pool<T>(n: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

/** One daily item of `patient`, its first doses rewritten as decided `k` days ago (k = 1, 2, …). */
async function history(
  doctor: { id: string },
  patient: TestUser,
  text: string,
  statuses: Array<'taken' | 'late' | 'skipped' | 'missed'>,
) {
  const { plan } = await buildPlan(
    { app: h.app, doctor, patient },
    {
      items: [{ text, asNeeded: false, timing: dailyAt(['09:00'], null), source: '' }],
      firstDueAt: new Date(Date.now() + 3_600_000),
    },
  );
  const item = plan[0]!;
  const clock = await clockOf(h.app.ctx.db, patient.id);
  const scale = scaleAt(clock.anchor, DAY_MS);
  const rows = await h.app.ctx.db
    .select()
    .from(reminders)
    .where(eq(reminders.planItemId, item.id))
    .orderBy(reminders.seq);
  for (const [k, status] of statuses.entries()) {
    const dueAt = new Date(Date.now() - (k + 1) * DAY_MS);
    const localDate = DateTime.fromJSDate(scale.toWall(dueAt), { zone: clock.timezone }).toFormat('yyyy-MM-dd');
    await h.app.ctx.db
      .update(reminders)
      .set({ dueAt, localDate, status, nextAttemptAt: null, takenAt: status === 'taken' ? dueAt : null })
      .where(eq(reminders.id, rows[k]!.id));
  }
  return item;
}

const rowsOf = (page: Page) => page.locator('.desk-list > li .patient');
const namesOf = (page: Page) => page.locator('.desk-list .patient-name').allInnerTexts();

test('the busy doctor: 500 patients by attention, search, filters, a live alert, the heatmap', async () => {
  const { page: doctor } = await h.openPage();
  await signUp(doctor, 'Dr. Desk Okafor', 'Doctor');
  const doctorUser = { id: (await call(doctor, 'GET', '/api/me')).body.user.id as string } as TestUser;
  // The list stays off screen while 500 patients arrive (each would be a live patient:assigned).
  await doctor.goto('about:blank');

  const t0 = Date.now();
  const named = ['Alma Alerted', 'Olga Overdue', 'Mona Missed', 'Tess Taken', 'Zed Live'];
  const people = await pool(PATIENTS, 16, (i) =>
    createPatient(h.app.url, { doctor: doctorUser, name: named[i] ?? `Patient ${String(i).padStart(3, '0')} Quiet` }),
  );
  const signupMs = Date.now() - t0;
  console.log(`# desk: ${PATIENTS} patients signed up and assigned over HTTP in ${signupMs} ms (16 at a time)`);
  const [alma, olga, mona, tess, zed] = people as [TestUser, TestUser, TestUser, TestUser, TestUser];

  // Constructed histories: Alma has an open alert, Olga a dose due now, Mona three misses, Tess took all.
  const almaItem = await history(doctorUser, alma, 'Take levothyroxine', ['taken']);
  await h.app.ctx.db
    .insert(adherenceAlerts)
    .values({ patientId: alma.id, doctorId: doctorUser.id, planItemId: almaItem.id, kind: 'missed_doses', misses: 2 });
  const olgaItem = await history(doctorUser, olga, 'Take ramipril', ['taken', 'taken']);
  const [open] = await h.app.ctx.db
    .select()
    .from(reminders)
    .where(eq(reminders.planItemId, olgaItem.id))
    .orderBy(reminders.seq)
    .offset(2)
    .limit(1);
  await h.app.ctx.db
    .update(reminders)
    .set({
      status: 'due',
      dueAt: new Date(Date.now() - 5_000),
      windowEndsAt: new Date(Date.now() + 3_600_000),
      nextAttemptAt: null,
    })
    .where(eq(reminders.id, open!.id));
  const monaItem = await history(doctorUser, mona, 'Take metformin', ['missed', 'missed', 'missed', 'taken']);
  await history(doctorUser, tess, 'Take vitamin D', ['taken', 'taken', 'taken']);

  // Cold load of the 500-row list: from navigation to the 500th row in the document.
  const nav = Date.now();
  await doctor.goto(h.app.url);
  await doctor.waitForFunction((n) => document.querySelectorAll('.desk-list > li').length >= n, PATIENTS, {
    timeout: 120_000,
  });
  const toRows = Date.now() - nav;
  const build = await doctor.evaluate(() =>
    performance
      .getEntriesByName('desk:render')
      .map((m) => ({ rows: (m as PerformanceMeasure).detail?.rows, ms: m.duration, end: m.startTime + m.duration })),
  );
  const full = build.find((b) => b.rows >= PATIENTS)!;
  console.log(
    `# desk render ${PATIENTS} patients: ${full.ms.toFixed(1)} ms (fragment built and inserted), ${Math.round(full.end)} ms from navigation start, ${toRows} ms to the 500th row seen by the test`,
  );
  await doctor.getByRole('heading', { name: `Your patients (${PATIENTS})` }).waitFor();

  // Attention order: the alert, the overdue dose, the misses; the quiet ones (no plan) last, by name.
  const names = await namesOf(doctor);
  assert.deepEqual(
    names.slice(0, 4),
    ['Alma Alerted', 'Olga Overdue', 'Mona Missed', 'Tess Taken'],
    names.slice(0, 6).join(),
  );
  assert.equal(names.at(-1), 'Zed Live', 'no plan: by name, after every patient with a record');
  const first = rowsOf(doctor).first();
  assert.match(await first.innerText(), /Alert \(1\)/);
  assert.match(await rowsOf(doctor).nth(1).innerText(), /Due now[\s\S]*Overdue 1/);
  assert.match(await rowsOf(doctor).nth(2).innerText(), /Missed 3[\s\S]*Missed 7d 3[\s\S]*Adherence 7d 25%/);
  assert.match(await rowsOf(doctor).nth(3).innerText(), /On track[\s\S]*Adherence 7d 100%[\s\S]*Last taken/);
  await doctor.screenshot({ path: path.join(SHOTS, 'doctor-desk.png') });

  // Search (debounced, over HTTP), then the filters.
  await doctor.getByLabel('Search patients').fill('mona');
  await doctor.getByRole('status').filter({ hasText: 'Showing 1 of 500' }).waitFor();
  assert.deepEqual(await namesOf(doctor), ['Mona Missed']);
  await doctor.getByLabel('Search patients').fill('');
  await doctor.waitForFunction((n) => document.querySelectorAll('.desk-list > li').length >= n, PATIENTS);
  // Each answer is awaited by what it must show (two filters in a row may both show one row).
  const filter = async (name: string, count: number, first: string) => {
    await doctor.getByRole('group', { name: 'Show' }).getByRole('button', { name, exact: true }).click();
    await doctor.waitForFunction(
      ([n, top]) =>
        document.querySelectorAll('.desk-list > li').length === n &&
        document.querySelector('.desk-list .patient-name')?.textContent === top,
      [count, first] as const,
    );
    return namesOf(doctor);
  };
  assert.deepEqual(await filter('Alerts', 1, 'Alma Alerted'), ['Alma Alerted']);
  assert.deepEqual(await filter('Overdue', 1, 'Olga Overdue'), ['Olga Overdue']);
  const noPlan = await filter('No plan', PATIENTS - 4, 'Patient 005 Quiet');
  assert.ok(!noPlan.some((n) => named.slice(0, 4).includes(n)));
  await filter('All', PATIENTS, 'Alma Alerted');

  // Live: Zed's every-3-hours doses are missed (7.5 s windows), an alert is raised, Zed goes to the top.
  await buildPlan(
    { app: h.app, doctor: doctorUser, patient: zed },
    {
      items: [
        {
          text: 'Take nitrofurantoin',
          asNeeded: false,
          timing: timing({ frequency: 1, period: 3, periodUnit: 'h', durationDays: 2 }),
          source: '',
        },
      ],
      firstDueAt: new Date(Date.now() + 500),
    },
  );
  await doctor.locator('.desk-list > li:first-child .patient', { hasText: 'Zed Live' }).waitFor({ timeout: 60_000 });
  assert.match(await rowsOf(doctor).first().innerText(), /Alert \(\d\)/);
  assert.equal((await namesOf(doctor)).length, PATIENTS);

  // The heatmap of Mona: one row, her three misses and a taken day, a legend and the trend; the CSV.
  await doctor.locator('.desk-list .patient', { hasText: 'Mona Missed' }).click();
  await doctor.getByRole('heading', { name: 'Mona Missed', level: 2 }).waitFor();
  const grid = doctor.getByRole('grid', { name: /Adherence, last 30 days/ });
  await grid.waitFor({ timeout: LIVE });
  const cells = grid.locator(`.hm-row[data-item="${monaItem.id}"] .hm-cell`);
  assert.equal(await cells.count(), 30);
  assert.equal(await grid.locator('.hm-missed').count(), 3);
  assert.equal(await grid.locator('.hm-taken').count(), 1);
  const label = await grid.locator('.hm-missed').first().getAttribute('aria-label');
  assert.match(
    label!,
    /^Take metformin, \w{3}, .*\d.*: missed \(missed 1 of 1\)$/,
    'the item, the day and the outcome',
  );
  await doctor.getByRole('img', { name: /Adherence per day over 30 days: 4 days with doses, average 25%/ }).waitFor();
  assert.equal(await doctor.locator('.hm-legend li').count(), 6);
  const [download] = await Promise.all([
    doctor.waitForEvent('download'),
    doctor.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `adherence-${mona.id}.csv`);
  const csv = await readFile((await download.path())!, 'utf8');
  assert.match(csv, /^date,plan_item_id,item_text,due,taken,late,skipped,missed,adherence_percent\r\n/);
  assert.equal(csv.split('\r\n').filter((l) => l.includes(',Take metformin,1,0,0,0,1,0')).length, 3);
  await doctor.locator('.glance').screenshot({ path: path.join(SHOTS, 'doctor-heatmap.png') });

  // The patient's own week: Tess logs in.
  const { page: patient } = await h.openPage();
  await patient.getByLabel('Email').fill(tess.email);
  await patient.getByLabel('Password').fill(tess.password);
  await patient.locator('form').getByRole('button', { name: 'Log in' }).click();
  const week = patient.getByRole('grid', { name: /Your week/ });
  await week.waitFor({ timeout: LIVE });
  assert.equal(await week.locator('.hm-cell').count(), 7);
  assert.equal(await week.locator('.hm-taken').count(), 3);
  await patient.locator('.glance').screenshot({ path: path.join(SHOTS, 'patient-week.png') });
  assert.deepEqual(h.errors, [], 'no CSP violations or uncaught errors');
});
