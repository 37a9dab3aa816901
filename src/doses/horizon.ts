// Ongoing items (no duration) are materialised on a rolling horizon (DESIGN §8): their first four
// weeks of doses when they start, and whenever what is stored reaches less than half of that ahead,
// the worker's periodic pass appends the next two weeks — on the same grid, from the last dose.
import { and, eq, isNotNull, isNull, max, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { planItems, reminders, type PlanItem, type Reminder } from '../db/schema.js';
import { inTransaction } from '../events/unitOfWork.js';
import { dosesPerDay } from '../extraction/timing.js';
import { scaleAt } from './dayScale.js';
import { clockOf } from './patientClock.js';
import { appendDoses } from './planning.js';
import { scheduleNearTerm } from './scheduling.js';

/** An ongoing item holds doses this many days ahead. */
export const ONGOING_HORIZON_DAYS = 28;
const DAY = 86_400_000;

/** Tops up every ongoing item whose stored doses end within half the horizon; returns how many. */
export async function extendHorizons(ctx: AppContext): Promise<number> {
  const real = (days: number) => scaleAt(new Date(), ctx.config.scheduleDayMs).real(days * DAY);
  const soon = new Date(Date.now() + real(ONGOING_HORIZON_DAYS / 2));
  const due = await ctx.db
    .select({ id: planItems.id })
    .from(planItems)
    .where(
      and(
        eq(planItems.status, 'active'),
        eq(planItems.asNeeded, false),
        isNotNull(planItems.timing),
        sql`${planItems.timing}->'durationDays' = 'null'::jsonb`,
        sql`coalesce((select max(r.due_at) from reminders r where r.plan_item_id = ${planItems.id}), '-infinity') < ${soon.toISOString()}::timestamptz`,
      ),
    )
    .limit(200);
  let extended = 0;
  for (const { id } of due) if (await extendOne(ctx, id, soon)) extended++;
  return extended;
}

async function extendOne(ctx: AppContext, planItemId: string, soon: Date): Promise<boolean> {
  const created = await inTransaction(ctx, async (uow): Promise<Reminder[]> => {
    // Another worker extending the same item holds its lock: skip it, the next pass re-checks.
    const [item] = await uow.tx
      .select()
      .from(planItems)
      .where(and(eq(planItems.id, planItemId), eq(planItems.status, 'active'), isNull(planItems.completedAt)))
      .for('update', { skipLocked: true });
    if (!item || !(await endsBefore(uow.tx, item, soon))) return [];
    const count = Math.max(1, Math.ceil((ONGOING_HORIZON_DAYS / 2) * dosesPerDay(item.timing!)));
    const rows = await appendDoses(
      uow.tx,
      item,
      count,
      await clockOf(uow.tx, item.patientId),
      ctx.config.scheduleDayMs,
    );
    uow.afterCommit(() => scheduleNearTerm(ctx, rows));
    return rows;
  });
  return created.length > 0;
}

async function endsBefore(tx: Tx, item: PlanItem, soon: Date) {
  const [row] = await tx
    .select({ last: max(reminders.dueAt) })
    .from(reminders)
    .where(eq(reminders.planItemId, item.id));
  return !row?.last || row.last < soon;
}
