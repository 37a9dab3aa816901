// The clock a patient's doses are timed on: their settings row, or the defaults (UTC, 07:00–22:30,
// quiet nights) for a patient who never set one. `anchor` pins a compressed day (SCHEDULE_DAY_MS):
// the patient's clock shows real time at their signup and runs faster from there, the same line
// for every plan item of theirs, so two items agree on what "today" is (doses/dayScale.ts).
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { patientSettings, users } from '../db/schema.js';
import { DEFAULT_CLOCK, type PatientClock } from './clock.js';

export interface Clock extends PatientClock {
  quietHours: boolean;
  anchor: Date;
}

export async function clocksOf(db: DbOrTx, patientIds: string[]): Promise<Map<string, Clock>> {
  const ids = [...new Set(patientIds)];
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, anchor: users.createdAt, settings: patientSettings })
    .from(users)
    .leftJoin(patientSettings, eq(patientSettings.userId, users.id))
    .where(inArray(users.id, ids));
  return new Map(
    rows.map(({ id, anchor, settings: s }) => [
      id,
      s
        ? { timezone: s.timezone, wakeTime: s.wakeTime, sleepTime: s.sleepTime, quietHours: s.quietHours, anchor }
        : { ...DEFAULT_CLOCK, quietHours: true, anchor },
    ]),
  );
}

export async function clockOf(db: DbOrTx, patientId: string): Promise<Clock> {
  const clock = (await clocksOf(db, [patientId])).get(patientId);
  if (!clock) throw new Error(`no patient ${patientId}`);
  return clock;
}
