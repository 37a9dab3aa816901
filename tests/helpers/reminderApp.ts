// An app with a short "day" for reminder tests, which remembers the patients and sockets a file
// creates (careTeam() registers its own) so that stop() can end them cleanly.
import { and, eq, inArray } from 'drizzle-orm';
import { planItems } from '../../src/db/schema.js';
import { startTestApp, type TestApp } from './app.js';
import { createDoctor, createPatient, type TestUser } from './factories.js';
import { connectSocket, type TestSocket } from './sockets.js';

export interface ReminderApp {
  app: TestApp;
  sockets: TestSocket[];
  patients: string[];
  /** A doctor and their patient, both connected, remembered for stop(). */
  careTeam(): Promise<{ doctor: TestUser; patient: TestUser; ds: TestSocket; ps: TestSocket }>;
  stop(): Promise<void>;
}

export async function startReminderApp(dayMs: number, env: Record<string, string> = {}): Promise<ReminderApp> {
  const app = await startTestApp({ SCHEDULE_DAY_MS: String(dayMs), ...env });
  const sockets: TestSocket[] = [];
  const patients: string[] = [];
  return {
    app,
    sockets,
    patients,
    careTeam: async () => {
      const doctor = await createDoctor(app.url);
      const patient = await createPatient(app.url, { doctor });
      patients.push(patient.id);
      const ds = await connectSocket(app.url, doctor.token);
      const ps = await connectSocket(app.url, patient.token);
      sockets.push(ds, ps);
      return { doctor, patient, ds, ps };
    },
    stop: async () => {
      // A plan nobody checks in never ends (each miss appends one more): cancel ours, so later
      // test files sharing this database and queue prefix do not keep delivering them.
      if (patients.length) {
        await app.ctx.db
          .update(planItems)
          .set({ status: 'stopped' })
          .where(and(inArray(planItems.patientId, patients), eq(planItems.status, 'active')));
      }
      for (const s of sockets) s.close();
      await app.stop();
    },
  };
}
