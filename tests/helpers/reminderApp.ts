// An app with a short "day" for reminder tests, which remembers the patients and sockets a file
// creates so that stop() can end them cleanly.
import { and, eq, inArray } from 'drizzle-orm';
import { planItems } from '../../src/db/schema.js';
import { startTestApp, type TestApp } from './app.js';
import type { TestSocket } from './sockets.js';

export interface ReminderApp {
  app: TestApp;
  sockets: TestSocket[];
  patients: string[];
  stop(): Promise<void>;
}

export async function startReminderApp(dayMs: number): Promise<ReminderApp> {
  const app = await startTestApp({ SCHEDULE_DAY_MS: String(dayMs) });
  const sockets: TestSocket[] = [];
  const patients: string[] = [];
  return {
    app,
    sockets,
    patients,
    stop: async () => {
      // A plan nobody checks in never ends (each miss appends one more): cancel ours, so later
      // test files sharing this database and queue prefix do not keep delivering them.
      if (patients.length) {
        await app.ctx.db
          .update(planItems)
          .set({ status: 'cancelled' })
          .where(and(inArray(planItems.patientId, patients), eq(planItems.status, 'active')));
      }
      for (const s of sockets) s.close();
      await app.stop();
    },
  };
}
