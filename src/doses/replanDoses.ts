// A patient's clock changed (zone, waking day): every dose still to come of their live plan items
// is planned again on the new clock (DESIGN §4: future doses, never past ones). Doses delivered or
// decided stay as they are; the same number of doses follows, on the new grid, from now.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { planItems, reminders, type Reminder } from '../db/schema.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import { rescheduleReminders } from './planning.js';
import { scheduleNearTerm } from './scheduling.js';
import type { Clock } from './patientClock.js';

export async function replanDoses(ctx: AppContext, uow: UnitOfWork, patientId: string, clock: Clock) {
  const items = await uow.tx
    .select()
    .from(planItems)
    .where(and(eq(planItems.patientId, patientId), eq(planItems.status, 'active'), isNotNull(planItems.timing)))
    .orderBy(planItems.id)
    .for('update');
  if (!items.length) return;
  const pending = await uow.tx
    .select({ planItemId: reminders.planItemId })
    .from(reminders)
    .where(
      and(
        inArray(
          reminders.planItemId,
          items.map((i) => i.id),
        ),
        eq(reminders.status, 'scheduled'),
        eq(reminders.attempts, 0),
      ),
    );
  const created: Reminder[] = [];
  for (const item of items) {
    const count = pending.filter((p) => p.planItemId === item.id).length;
    if (!count) continue;
    const out = await rescheduleReminders(uow.tx, item, count, clock, ctx.config.scheduleDayMs);
    created.push(...out.created);
  }
  // Doses removed need no job removed: sweeps are shared by instant and claim only live rows.
  uow.afterCommit(() => scheduleNearTerm(ctx, created));
}
