// The queue is the clock, PostgreSQL the truth. Each live dose stores the time of the next step of
// its delivery chain (`next_attempt_at`); only instants within HORIZON_MS get a delayed sweep (one
// per instant, shared by every dose due then: doses/claim.ts). A periodic pass (also run at worker
// start) queues the sweep of whatever is due or near in the database and missing in Redis, so a
// Redis flush or restart loses nothing. A sweep claims rows under lock, so nothing fires twice.
import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { reminders, planItems, type Reminder } from '../db/schema.js';

export const HORIZON_MS = 60_000;

/** Whether a job for this moment belongs in the queue yet (later ones wait in PostgreSQL). */
export const withinHorizon = (at: Date) => at.getTime() < Date.now() + HORIZON_MS;

type Chained = Pick<Reminder, 'id' | 'attempts' | 'nextAttemptAt'>;

/** The doses whose next step is near (their pending job may be queued). */
export function nearTerm<T extends Chained>(doses: T[]): T[] {
  return doses.filter((d) => d.nextAttemptAt !== null && withinHorizon(d.nextAttemptAt));
}

/** Queues the next step of each live dose whose time is near. */
export async function scheduleNearTerm(ctx: Pick<AppContext, 'jobs'>, doses: Reminder[]): Promise<void> {
  const live = doses.filter((d) => d.status === 'scheduled' || d.status === 'due');
  await ctx.jobs.scheduleSweeps(nearTerm(live).map((d) => d.nextAttemptAt!));
}

/** Queues the sweep of every instant at which a live dose's next step is due, overdue or near; returns how many instants it saw. */
export async function reconcile(ctx: Pick<AppContext, 'db' | 'jobs' | 'config'>): Promise<number> {
  const rows = await ctx.db
    .selectDistinct({ at: reminders.nextAttemptAt })
    .from(reminders)
    .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
    .where(
      and(
        eq(planItems.status, 'active'),
        inArray(reminders.status, ['scheduled', 'due']),
        isNotNull(reminders.nextAttemptAt),
        lt(reminders.nextAttemptAt, new Date(Date.now() + HORIZON_MS)),
      ),
    );
  const times = rows.map((r) => r.at!);
  for (let i = 0; i < times.length; i += 1000) await ctx.jobs.scheduleMissingSweeps(times.slice(i, i + 1000));
  return rows.length;
}
