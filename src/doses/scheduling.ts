// The queue is the clock, PostgreSQL the truth. Only reminders due within HORIZON_MS get a
// delayed job; a periodic pass (also run at worker start) enqueues whatever is due or near in the
// database and missing in Redis, so a Redis flush or restart loses nothing. Job ids derive from
// reminder id + attempt, and the processor re-checks the row, so nothing fires twice.
import { and, eq, inArray, lt } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { reminders, planItems, type Reminder, type PlanItem } from '../db/schema.js';
import { redeliveryFor } from './planning.js';

export const HORIZON_MS = 60_000;

/**
 * When attempt k of a reminder runs: a delivery while inside its window, else the expiry. The
 * window closes at the next dose or after half a day, whichever comes first (§8): a weekly dose
 * is not re-sent for a week.
 */
export function attemptTime(
  occ: Pick<Reminder, 'dueAt'>,
  item: Pick<PlanItem, 'intervalMs'>,
  attempt: number,
  dayMs: number,
) {
  const windowEnd = occ.dueAt.getTime() + Math.min(item.intervalMs, Math.floor(dayMs / 2));
  const at = occ.dueAt.getTime() + (attempt - 1) * redeliveryFor(dayMs);
  return at >= windowEnd
    ? { at: new Date(windowEnd), kind: 'expire' as const }
    : { at: new Date(at), kind: 'deliver' as const };
}

/** Whether a job for this moment belongs in the queue yet (later ones wait in PostgreSQL). */
export const withinHorizon = (at: Date) => at.getTime() < Date.now() + HORIZON_MS;

export function nearTerm<T extends { dueAt: Date; attempts: number }>(occs: T[]): T[] {
  return occs.filter((o) => o.attempts > 0 || withinHorizon(o.dueAt));
}

export async function scheduleNearTerm(ctx: Pick<AppContext, 'jobs'>, occs: Reminder[]): Promise<void> {
  const due = nearTerm(occs).filter((o) => o.status === 'scheduled');
  await ctx.jobs.scheduleReminders(due.map((o) => ({ reminderId: o.id, attempt: 1, at: o.dueAt })));
}

/**
 * Enqueues the next attempt of every live reminder that is due, overdue or near, when that
 * attempt's time is near too (a re-delivery an hour away is queued by a later pass); returns how
 * many reminders it looked at.
 */
export async function reconcile(ctx: Pick<AppContext, 'db' | 'jobs' | 'config'>): Promise<number> {
  const rows = await ctx.db
    .select({ occ: reminders, intervalMs: planItems.intervalMs })
    .from(reminders)
    .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
    .where(
      and(
        eq(planItems.status, 'active'),
        inArray(reminders.status, ['scheduled', 'due']),
        lt(reminders.dueAt, new Date(Date.now() + HORIZON_MS)),
      ),
    );
  const next = rows
    .map(({ occ, intervalMs }) => {
      const attempt = occ.attempts + 1;
      return {
        reminderId: occ.id,
        attempt,
        at: attemptTime(occ, { intervalMs }, attempt, ctx.config.scheduleDayMs).at,
      };
    })
    .filter((n) => withinHorizon(n.at));
  for (let i = 0; i < next.length; i += 1000) await ctx.jobs.scheduleMissingReminders(next.slice(i, i + 1000));
  return rows.length;
}
