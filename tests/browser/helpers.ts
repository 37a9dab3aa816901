// What the browser tests share: one Carebeat (6 s "days" unless told, so doses come due and are missed
// within a test) and Debian's Chromium, headless, through playwright-core (never a downloaded
// browser); pages that collect CSP violations and uncaught errors; sign-up through the real forms.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ExtractionError, RulesExtractor, type Extractor } from '../../src/extraction/index.js';
import { startTestApp, uniqueEmail, type TestApp } from '../helpers/app.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const LIVE = 20_000; // generous: two cores shared with other test runs
export const NOTE_1 = 'Take amoxicillin 500mg once daily for 3 days. Buy a thermometer.';
export const NOTE_2 = 'Take ibuprofen 200mg twice daily for 2 days.';

// The rules extractor, except that it refuses notes starting "Unreadable", so the doctor's
// failure path can show up.
const rules = new RulesExtractor();
const extractor: Extractor = {
  name: 'rules',
  model: null,
  extract: (text) =>
    text.startsWith('Unreadable') ? Promise.reject(new ExtractionError('refused in test', false)) : rules.extract(text),
};

export interface Harness {
  app: TestApp;
  /** CSP violations and uncaught page errors, from every page opened. */
  errors: string[];
  openPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** @param env overrides of the app's environment (a longer SCHEDULE_DAY_MS gives a dose a window a person can act in) */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  const app = await startTestApp({ SCHEDULE_DAY_MS: '6000', ...env }, { extractor });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS }).catch(async (err) => {
    await app.stop();
    throw err;
  });
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  return {
    app,
    errors,
    async openPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(LIVE);
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
      });
      page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
      await page.goto(app.url);
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await app.stop();
    },
  };
}

export async function signUp(page: Page, name: string, role: 'Doctor' | 'Patient') {
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(uniqueEmail(role.toLowerCase()));
  await page.getByLabel('Password').fill('correct-horse-1');
  await page.getByLabel(role, { exact: true }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.locator('.who-am-i', { hasText: name }).waitFor();
}

/** The patient chooses the doctor; the doctor opens the patient that just arrived in their list. */
export async function pair(doctor: Page, patient: Page, doctorName: string, patientName: string) {
  await patient.getByLabel('Choose your doctor', { exact: true }).selectOption({ label: doctorName });
  await patient.getByRole('button', { name: 'Choose this doctor' }).click();
  await patient.getByRole('heading', { name: `With ${doctorName}` }).waitFor();
  const row = doctor.getByRole('button', { name: new RegExp(patientName) });
  await row.waitFor();
  return row;
}

export async function sendNote(doctor: Page, patientName: string, text: string) {
  await doctor.getByLabel(`New note for ${patientName}`).fill(text);
  await doctor.getByRole('button', { name: 'Send note' }).click();
}

export const notesWith = (page: Page, text: string) => page.locator('.timeline .note-text', { hasText: text });
