// The record survives a reload (issue "The record"): both sides rebuild their timeline from GET
// /timeline, not from the current state, so the doses taken and missed of a plan that a
// newer note replaced are all still there after a reload, once each, in the same order and words;
// and reading it back a small page at a time through "Show older" gives the same record.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { NOTE_1, NOTE_2, notesWith, pair, sendNote, signUp, startHarness, type Harness } from './helpers.js';

// A third note replaces the ibuprofen plan with an as-needed item (never reminded), so no dose
// falls due while the two sides are compared (twice daily at 6 s days is one every 3 s). A note
// with no plan item would leave the ibuprofen plan running (v2).
const NOTE_3 = 'Take paracetamol 500mg as needed for pain. Book a follow-up visit.';
const PAGE_SIZE_KEY = 'carebeat:timelinePageSize';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** Each entry of the timeline as "key | text", without the "New" chips of what just arrived. */
const entries = (page: Page) =>
  page.locator('.timeline > li').evaluateAll((lis) =>
    lis.map((li) => {
      const copy = li.cloneNode(true) as HTMLElement;
      for (const chip of copy.querySelectorAll('.chip-new')) chip.remove();
      return `${li.getAttribute('data-key')} | ${(copy.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
    }),
  );

/** The record once nothing changes any more (read receipts and re-renders settle within a second). */
async function settled(page: Page): Promise<string[]> {
  let last = await entries(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(500);
    const now = await entries(page);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  assert.fail(`the timeline kept changing: ${last.join('\n')}`);
}

/** Reloads with timeline pages of `pageSize` events and reads the record back to its first event. */
async function reloadAndReadAll(page: Page, pageSize: number, expectPaging: boolean) {
  await page.evaluate(([key, n]) => localStorage.setItem(key, n), [PAGE_SIZE_KEY, String(pageSize)]);
  const firstPage = page.waitForResponse((r) => r.url().includes('/timeline?') && !r.url().includes('before='));
  await page.reload();
  assert.equal((await firstPage).status(), 200);
  // The newest few events may hold no entry of their own (read receipts): then only "Show older".
  await page.locator('.timeline-box :is(.timeline, .show-older)').first().waitFor();
  const older = page.locator('.show-older');
  assert.equal(await older.count(), expectPaging ? 1 : 0, '"Show older" is there only while there is more');
  let pages = 1;
  while ((await older.count()) > 0) {
    const next = page.waitForResponse((r) => r.url().includes('/timeline?') && r.url().includes('before='));
    await older.click();
    assert.equal((await next).status(), 200);
    await page.waitForFunction(() => !document.querySelector('.show-older[disabled]'));
    pages += 1;
    assert.ok(pages < 100, 'paging ends');
  }
  assert.equal(await page.getByRole('alert').filter({ hasText: /./ }).count(), 0, 'no page failed');
  return settled(page);
}

test('after a reload both sides show the whole record again: taken, missed and the replaced plans, once each', async () => {
  const { page: doctor } = await h.openPage();
  const { page: patient } = await h.openPage();
  const doctorName = 'Dr. Ada Okafor';
  const patientName = `Lee Park ${Date.now() % 1000}`;
  await signUp(doctor, doctorName, 'Doctor');
  await signUp(patient, patientName, 'Patient');
  await (await pair(doctor, patient, doctorName, patientName)).click();
  await doctor.getByRole('heading', { name: patientName, level: 2 }).waitFor();

  // Note 1 becomes a plan and a checklist; the patient ticks the checklist and takes one dose.
  await sendNote(doctor, patientName, NOTE_1);
  await patient.locator('.side .plan-text', { hasText: /amoxicillin/i }).waitFor();
  await patient.getByRole('checkbox', { name: /thermometer/i }).check();
  await doctor.locator('.plan-box .check.done', { hasText: /thermometer/i }).waitFor();
  await patient.getByRole('button', { name: /^Take: .*amoxicillin/i }).click({ timeout: 30_000 });
  await doctor.locator('.bubble.taken', { hasText: /amoxicillin/i }).waitFor();
  // The next dose is not taken: at the end of its window (half a 6 s day) it is missed.
  const missed = (page: Page) => page.locator('.dose-entry.missed', { hasText: /amoxicillin/i });
  await missed(patient).waitFor({ timeout: 40_000 });
  await missed(doctor).waitFor();

  // Note 2 replaces the amoxicillin plan; note 3 replaces the ibuprofen one.
  await sendNote(doctor, patientName, NOTE_2);
  await doctor.locator('.plan-box .plan-text', { hasText: /ibuprofen/i }).waitFor();
  await sendNote(doctor, patientName, NOTE_3);
  await doctor.locator('.plan-box .check', { hasText: 'Book a follow-up visit' }).waitFor();
  await patient.getByRole('checkbox', { name: 'Book a follow-up visit' }).waitFor();
  await doctor.locator('.receipt.seen').nth(2).waitFor(); // all three read receipts are in

  const before = { doctor: await settled(doctor), patient: await settled(patient) };
  for (const [who, list] of Object.entries(before)) {
    assert.equal(new Set(list).size, list.length, `${who}: no entry twice`);
    assert.ok(
      list.some((e) => /^taken:.*Took: .*amoxicillin/i.test(e)),
      `${who}: the dose taken is there`,
    );
    assert.ok(
      list.some((e) => /^dose:.*Missed.*amoxicillin/i.test(e)),
      `${who}: the missed dose is there`,
    );
    assert.ok(
      // Replaced, or (6 s days) already over by the time the next note came: either way, still there.
      list.some((e) => /^steps:.*amoxicillin.*(Replaced|stopped|ended with doses missed|completed)/i.test(e)),
      `${who}: the replaced plan is there: ${list.join('\n')}`,
    );
  }
  assert.ok(
    before.patient.some((e) => /^dose:.*Taken.*amoxicillin/i.test(e)),
    'the patient saw the dose they took',
  );

  // Small pages: the first one holds only the newest few events, "Show older" reads the rest.
  for (const [who, page] of [
    ['doctor', doctor],
    ['patient', patient],
  ] as const) {
    assert.deepEqual(await reloadAndReadAll(page, 4, true), before[who], `${who}: the same record after a reload`);
    // A second reload, the whole record in one page: still the same (it once lost a check-in).
    assert.deepEqual(await reloadAndReadAll(page, 200, false), before[who], `${who}: and after another one`);
  }
  await notesWith(patient, NOTE_1).waitFor();
  assert.deepEqual(h.errors, [], 'no CSP violations or uncaught errors in either page');
});
