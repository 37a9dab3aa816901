// The v2 demo client in a real browser: the correction editor edits every timing field in place
// (the item keeps its id, the server's steps show the new timing), a step points at its source in
// the note, a note with unclear parts waits for the doctor (Add as step, Dismiss), a weekly item
// waits for "Confirm and start", and the composer counts characters, refuses an over-long note
// and says what the note does to the running plan. The rules extractor is being reworked, so what
// it makes of a note is asserted loosely (needs review, at least one unclear part).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { NOTE_2, pair, sendNote, signUp, startHarness, type Harness } from './helpers.js';

const UNCLEAR_NOTE = 'Amoxicillin 500 mg tds. Also start colchicine.';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** A GET as the page's signed-in user. */
async function apiGet(page: Page, path: string): Promise<any> {
  const res = await page.evaluate(async (p) => {
    const s = JSON.parse(localStorage.getItem('carebeat:session')!);
    const r = await fetch(p, { headers: { authorization: `Bearer ${s.idToken}` } });
    return { status: r.status, body: await r.json() };
  }, path);
  assert.equal(res.status, 200, `GET ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A doctor and a patient, paired, the patient open in the doctor's panel. */
async function couple(tag: string) {
  const { page: doctor } = await h.openPage();
  const { page: patient } = await h.openPage();
  const doctorName = `Dr. Ada ${tag}`;
  const patientName = `Pat ${tag} ${Date.now() % 1000}`;
  await signUp(doctor, doctorName, 'Doctor');
  await signUp(patient, patientName, 'Patient');
  const row = await pair(doctor, patient, doctorName, patientName);
  await row.click();
  await doctor.getByRole('heading', { name: patientName, level: 2 }).waitFor();
  const patientId = /#patient\/(.+)$/.exec(doctor.url())![1]!;
  const steps = () => apiGet(doctor, `/api/patients/${patientId}/steps`);
  return { doctor, patient, patientName, steps };
}

test('the editor changes frequency, unit, weekday and ongoing in place; a weekly item waits for the doctor', async () => {
  const { doctor, patient, patientName, steps } = await couple('edit');
  await sendNote(doctor, patientName, NOTE_2);
  const planText = doctor.locator('.plan-box .plan-text', { hasText: /ibuprofen/i });
  await planText.waitFor();
  const before = await steps();
  assert.equal(before.plan.length, 1, JSON.stringify(before));
  const item = before.plan[0];
  assert.match(await patient.locator('.side').innerText(), /twice a day for 2 days/);

  // Pointing at the step marks its source phrase in the note.
  if (item.source) {
    await doctor.locator('.plan-box .plan-item').first().hover();
    const mark = doctor.locator('.timeline .note-text mark');
    await mark.waitFor();
    assert.equal((await mark.innerText()).toLowerCase(), item.source.toLowerCase());
  }

  // Once a week on Monday, ongoing.
  await doctor.getByRole('button', { name: 'Correct steps' }).click();
  const editor = doctor.locator('form.editor');
  const row = editor.locator('.plan-row').first();
  await row.getByLabel('What to do').waitFor();
  assert.ok((await editor.boundingBox())!.width > 700, 'the editor opens wide');
  await row.getByLabel('Times', { exact: true }).fill('1');
  await row.getByLabel('Every').fill('1');
  await row.getByLabel('Unit').selectOption('wk');
  await row.getByLabel('Mon', { exact: true }).check();
  await row.getByLabel('Ongoing').check();
  assert.ok(await row.getByLabel('For days').isDisabled(), 'an ongoing item has no duration');
  await editor.getByRole('button', { name: 'Save steps' }).click();
  await doctor.locator('.plan-box .plan-meta', { hasText: 'once a week on Monday ongoing' }).waitFor();

  const after = await steps();
  const edited = after.plan.find((p: { id: string }) => p.id === item.id);
  assert.ok(edited, `the item keeps its id: ${JSON.stringify(after.plan)}`);
  assert.deepEqual(
    {
      frequency: edited.timing.frequency,
      period: edited.timing.period,
      periodUnit: edited.timing.periodUnit,
      dayOfWeek: edited.timing.dayOfWeek,
      durationDays: edited.timing.durationDays,
    },
    { frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'], durationDays: null },
  );
  assert.equal(after.plan.length, 1, 'edited in place, not added');

  // Less often than daily waits for the doctor: the patient is told so, in plain words.
  assert.equal(edited.status, 'draft', `a weekly schedule waits for confirmation: ${JSON.stringify(edited)}`);
  await patient.locator('.side .plan-item', { hasText: 'waiting for your doctor' }).waitFor();
  await patient.locator('.timeline .change-entry', { hasText: 'Plan updated' }).first().waitFor();
  assert.deepEqual(h.errors, []);
});

// Confirming a note whose draft item a correction edited in place (this once answered 500).
test('Confirm and start after a correction starts the edited item', async () => {
  const { doctor, patientName, steps } = await couple('confirm');
  await sendNote(doctor, patientName, NOTE_2);
  await doctor.locator('.plan-box .plan-text', { hasText: /ibuprofen/i }).waitFor();
  const id = (await steps()).plan[0].id;
  await doctor.getByRole('button', { name: 'Correct steps' }).click();
  const row = doctor.locator('form.editor .plan-row').first();
  await row.getByLabel('Times', { exact: true }).fill('1');
  await row.getByLabel('Unit').selectOption('wk');
  await row.getByLabel('Mon', { exact: true }).check();
  await doctor.getByRole('button', { name: 'Save steps' }).click();
  await doctor.getByRole('button', { name: 'Confirm and start' }).click();
  await doctor.locator('.plan-box .review').waitFor({ state: 'detached', timeout: 5000 });
  const confirmed = await steps();
  assert.equal(confirmed.status, 'ready');
  assert.equal(confirmed.plan.find((p: { id: string }) => p.id === id)?.status, 'active');
});

test('a note with unclear parts waits for review: Dismiss, Add as step, Confirm and start', async () => {
  const { doctor, patientName, steps } = await couple('review');
  await sendNote(doctor, patientName, UNCLEAR_NOTE);
  const review = doctor.locator('.plan-box .review');
  await review.getByRole('button', { name: 'Dismiss' }).first().waitFor();
  const waiting = await steps();
  assert.equal(waiting.status, 'needs_review', JSON.stringify(waiting));
  assert.ok(waiting.unclear.length >= 1, 'at least one unclear part');
  await doctor.locator('.timeline .change-entry', { hasText: 'Waiting for your review' }).first().waitFor();

  // Dismiss: a correction without that part (the server's safety check may flag it again).
  const last = waiting.unclear.at(-1);
  const put = doctor.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith('/steps'));
  const answered = doctor.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/steps'));
  await review.locator('.unclear').last().getByRole('button', { name: 'Dismiss' }).click();
  const sent = (await put).postDataJSON();
  assert.equal((await answered).status(), 200);
  assert.ok(!sent.unclear.some((u: { source: string }) => u.source === last.source), JSON.stringify(sent));
  assert.deepEqual(Object.keys(sent).sort(), ['checklist', 'plan', 'unclear']);

  // Add as step: the first unclear part becomes a plan item, 3 times a day for 7 days.
  const first = waiting.unclear[0];
  await review.locator('.unclear', { hasText: first.source }).getByRole('button', { name: 'Add as step' }).click();
  const row = doctor.locator('form.editor .plan-row').last();
  assert.equal(await row.getByLabel('What to do').inputValue(), first.source, 'prefilled from the source');
  await row.getByLabel('What to do').fill('Take amoxicillin 500 mg');
  await row.getByLabel('Times', { exact: true }).fill('3');
  await row.getByLabel('For days').fill('7');
  await doctor.getByRole('button', { name: 'Save steps' }).click();
  await doctor.locator('.plan-box .plan-meta', { hasText: '3 times a day for 7 days' }).waitFor();

  // Whatever still waits is accepted with Confirm and start.
  if ((await steps()).status === 'needs_review')
    await doctor.getByRole('button', { name: 'Confirm and start' }).click();
  await review.waitFor({ state: 'detached' });
  const done = await steps();
  assert.equal(done.status, 'ready', JSON.stringify(done));
  assert.equal(done.unclear.length, 0);
  const amox = done.plan.find((p: { text: string }) => p.text === 'Take amoxicillin 500 mg');
  assert.equal(amox?.status, 'active', JSON.stringify(done.plan));
  assert.equal(amox.source, first.source, 'the new item keeps the phrase it came from');
  assert.deepEqual([amox.timing.frequency, amox.timing.periodUnit, amox.timing.durationDays], [3, 'd', 7]);
  assert.deepEqual(h.errors, []);
});

test('the composer counts, refuses an over-long note, says replace or add; review every note before it starts', async () => {
  const { doctor, patient, patientName, steps } = await couple('compose');
  const text = doctor.getByLabel(`New note for ${patientName}`);
  const counter = doctor.locator('#note-counter');
  const warning = doctor.locator('#note-mode-warning');
  assert.equal(await counter.innerText(), '0 / 20000');
  assert.match(await warning.innerText(), /There is no running plan/);
  await sendNote(doctor, patientName, NOTE_2);
  await doctor.locator('.plan-box .plan-text', { hasText: /ibuprofen/i }).waitFor();
  await warning.filter({ hasText: 'This replaces the current plan: 1 item' }).waitFor();
  await doctor.getByLabel('Adds to the current plan').check();
  assert.match(await warning.innerText(), /^Adds to the current plan/);
  await doctor.getByLabel('Replaces the current plan').check();

  // Over the limit: counted, marked, and not sent (no silent cut).
  await text.fill('x'.repeat(20_001));
  assert.equal(await counter.innerText(), '20001 / 20000');
  assert.ok(await counter.evaluate((el) => el.classList.contains('over')));
  let posted = 0;
  doctor.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/notes')) posted++;
  });
  await doctor.getByRole('button', { name: 'Send note' }).click();
  await doctor.getByRole('alert').filter({ hasText: 'the limit is 20000' }).waitFor();
  assert.equal(posted, 0, 'an over-long note is never sent');
  assert.equal(await text.inputValue(), 'x'.repeat(20_001), 'the draft is kept whole');
  await text.fill('');

  // Review every note before it starts: the next note's plan waits for "Confirm and start".
  const pref = doctor.getByLabel('Review every note before it starts');
  await doctor.waitForFunction(() => !(document.getElementById('pref-review') as HTMLInputElement).disabled);
  await pref.check();
  await doctor.waitForFunction(() => !(document.getElementById('pref-review') as HTMLInputElement).disabled);
  assert.deepEqual(await apiGet(doctor, '/api/me/preferences'), { reviewBeforeStart: true });
  await sendNote(doctor, patientName, 'Take paracetamol 500mg three times daily for 3 days.');
  await doctor.getByRole('button', { name: 'Confirm and start' }).waitFor();
  const held = await steps();
  assert.equal(held.status, 'needs_review', JSON.stringify(held));
  assert.ok(held.plan.some((p: { status: string }) => p.status === 'draft'));
  await patient.locator('.side .plan-item', { hasText: 'waiting for your doctor' }).first().waitFor();
  await doctor.getByRole('button', { name: 'Confirm and start' }).click();
  await doctor.locator('.plan-box .review').waitFor({ state: 'detached' });
  const started = await steps();
  assert.equal(started.status, 'ready');
  assert.ok(
    started.plan.every((p: { status: string }) => p.status !== 'draft'),
    JSON.stringify(started.plan),
  );
  assert.deepEqual(h.errors, []);
});
