// What the dose browser tests share: a Carebeat with one-minute days (SCHEDULE_DAY_MS), so a
// once-daily dose stays due for 30 s (12 h of the patient's day) and an every-3-hours one 7.5 s;
// a doctor and a patient paired through the real forms; the API as the page's signed-in user.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { planItems } from '../../src/db/schema.js';
import { pair, signUp, startHarness, type Harness } from './helpers.js';

export const SHOTS = process.env.SCREENSHOTS_DIR
  ? path.resolve(process.env.SCREENSHOTS_DIR)
  : path.join(os.tmpdir(), 'carebeat-screenshots');
const DAY_MS = 60_000;

export interface DoseHarness extends Harness {
  couple(tag: string): Promise<{
    doctor: Page;
    patient: Page;
    patientName: string;
    team: { doctor: { id: string }; patient: { id: string } };
  }>;
}

export async function startDoseHarness(): Promise<DoseHarness> {
  mkdirSync(SHOTS, { recursive: true });
  const h = await startHarness({ SCHEDULE_DAY_MS: String(DAY_MS) });
  const patients: string[] = [];
  return {
    ...h,
    async couple(tag) {
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
    },
    async close() {
      // Plans that keep producing doses would go on delivering to later files sharing this queue.
      if (patients.length)
        await h.app.ctx.db.update(planItems).set({ status: 'stopped' }).where(inArray(planItems.patientId, patients));
      await h.close();
    },
  };
}

/** The API as the signed-in page's user. */
export async function call(page: Page, method: string, url: string, body?: unknown) {
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

export type Dose = {
  id: string;
  planItemId: string;
  text: string;
  status: string;
  localDate: string;
  localTime: string;
};
// Ten real minutes either side (ten days of one-minute days): the default range starts at the
// patient's today, which a one-minute day leaves behind while a test runs.
const around = () =>
  `from=${encodeURIComponent(new Date(Date.now() - 600_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 600_000).toISOString())}`;
export const doses = async (page: Page, patientId: string) =>
  (await call(page, 'GET', `/api/patients/${patientId}/doses?${around()}`)).body as { timezone: string; doses: Dose[] };
