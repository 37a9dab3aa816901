// The clock a patient's doses are timed on: their settings row, or the defaults (UTC, 07:00–22:30,
// quiet nights) for a patient who never set one.
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { patientSettings } from '../db/schema.js';
import { DEFAULT_CLOCK, type PatientClock } from './clock.js';

export interface Clock extends PatientClock {
  quietHours: boolean;
}

export const DEFAULT_SETTINGS: Clock = { ...DEFAULT_CLOCK, quietHours: true };

export async function clocksOf(db: DbOrTx, patientIds: string[]): Promise<Map<string, Clock>> {
  const ids = [...new Set(patientIds)];
  const rows = ids.length ? await db.select().from(patientSettings).where(inArray(patientSettings.userId, ids)) : [];
  const found = new Map(rows.map((r) => [r.userId, r]));
  return new Map(
    ids.map((id) => {
      const r = found.get(id);
      return [
        id,
        r
          ? { timezone: r.timezone, wakeTime: r.wakeTime, sleepTime: r.sleepTime, quietHours: r.quietHours }
          : DEFAULT_SETTINGS,
      ];
    }),
  );
}

export const clockOf = async (db: DbOrTx, patientId: string) => (await clocksOf(db, [patientId])).get(patientId)!;
