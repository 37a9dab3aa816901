// Dose tests in a few words: a care team on a short day with the patient's clock set, a plan whose
// first dose is due at once, and readers for a dose's rows and its events.
import assert from 'node:assert/strict';
import { asc, eq } from 'drizzle-orm';
import { planItems, reminders } from '../../src/db/schema.js';
import type { Timing } from '../../src/extraction/schema.js';
import { timing } from '../../src/extraction/schema.js';
import { buildPlan } from './factories.js';
import type { ReminderApp } from './reminderApp.js';
import type { TestSocket } from './sockets.js';

export interface ClockSettings {
  timezone?: string;
  wakeTime?: string;
  sleepTime?: string;
  quietHours?: boolean;
}

/** A connected doctor and patient whose settings are `clock`. */
export async function teamWithClock(run: ReminderApp, clock: ClockSettings = {}) {
  const team = await run.careTeam();
  const settings = { timezone: 'UTC', wakeTime: '07:00', sleepTime: '22:30', quietHours: true, ...clock };
  const res = await team.patient.api.put('/api/me/settings', settings);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return team;
}

/** Daily at these local times for `days` days (null: ongoing). */
export const dailyAt = (times: string[], days: number | null): Timing =>
  timing({ frequency: times.length, period: 1, periodUnit: 'd', timeOfDay: times, durationDays: days });

/** One item, its first dose due now (or at `firstDueAt`; null: where the patient's clock puts it). */
export async function planWith(
  run: ReminderApp,
  team: Awaited<ReturnType<ReminderApp['careTeam']>>,
  text: string,
  t: Timing | null,
  opts: { asNeeded?: boolean; firstDueAt?: Date | null } = {},
) {
  const item = { text, asNeeded: opts.asNeeded ?? false, timing: t, source: '' };
  const { plan } = await buildPlan({ app: run.app, ...team }, { items: [item], firstDueAt: opts.firstDueAt });
  return plan[0]!;
}

export async function dosesOf(run: ReminderApp, planItemId: string) {
  return run.app.ctx.db
    .select()
    .from(reminders)
    .where(eq(reminders.planItemId, planItemId))
    .orderBy(asc(reminders.seq));
}

export async function itemRow(run: ReminderApp, planItemId: string) {
  const [row] = await run.app.ctx.db.select().from(planItems).where(eq(planItems.id, planItemId));
  return row!;
}

/** The dose:due events a socket saw for one dose, in order. */
export const dueEvents = (s: TestSocket, doseId: string) =>
  s.events.filter((e) => e.type === 'dose:due' && e.payload.dose.id === doseId).map((e) => e.payload);
