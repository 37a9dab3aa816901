// New steps for a note that already has some (a correction adds items): rows sealed under the
// note's key, reminders for the items that start now, near-term jobs after commit.
import type { AppContext } from '../context.js';
import { checklistItems, planItems, unclearItems } from '../db/schema.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import type { ExtractedChecklistItem, ExtractedPlanItem, UnclearPart } from '../extraction/schema.js';
import { clockOf } from '../doses/patientClock.js';
import { firstDose } from '../doses/schedule.js';
import { createReminders } from '../doses/planning.js';
import { scheduleNearTerm } from '../doses/scheduling.js';
import { checklistRow, planRow, type Sealer, unclearRow } from './stepRows.js';

interface NewSteps {
  checklist: Array<{ item: ExtractedChecklistItem; position: number }>;
  plan: Array<{ item: ExtractedPlanItem; held: boolean; position: number }>;
  unclear: UnclearPart[];
}

/** Returns the ids of the checklist and plan items added. */
export async function insertNewSteps(ctx: AppContext, uow: UnitOfWork, s: Sealer, steps: NewSteps) {
  const now = new Date();
  const dayMs = ctx.config.scheduleDayMs;
  const clock = await clockOf(uow.tx, s.patientId);
  const cl = steps.checklist.map(({ item, position }) => checklistRow(s, item, position, now, dayMs));
  const pl = steps.plan.map(({ item, held, position }) =>
    planRow(s, item, position, held ? 'draft' : 'active', firstDose(item.timing, clock, now, dayMs), dayMs),
  );
  const un = steps.unclear.map((part, i) => unclearRow(s, part, i));
  if (cl.length) await uow.tx.insert(checklistItems).values(cl);
  const items = pl.length ? await uow.tx.insert(planItems).values(pl).returning() : [];
  if (un.length) await uow.tx.insert(unclearItems).values(un);
  const scheduled = await createReminders(
    uow.tx,
    items.filter((p) => p.status === 'active'),
    new Map([[s.patientId, clock]]),
    dayMs,
  );
  uow.afterCommit(() => scheduleNearTerm(ctx, scheduled));
  return [...cl.map((r) => r.id), ...items.map((r) => r.id)];
}
