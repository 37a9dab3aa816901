// A correction, item by item: checklist items and plan items edited in place. A plan item keeps
// its id, its counts and every dose already on record (taken, missed, due); only reminders still
// to come are reshaped to the new timing. Returns what changed, for `plan:changed`.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { type ChecklistItem, checklistItems, type PlanItem, planItems, reminders } from '../db/schema.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import type { ExtractedChecklistItem, ExtractedPlanItem } from '../extraction/schema.js';
import { clockOf } from '../doses/patientClock.js';
import { firstDose } from '../doses/schedule.js';
import { rescheduleReminders } from '../doses/planning.js';
import { scheduleNearTerm } from '../doses/scheduling.js';
import { sealSource, sealStep } from '../sealed/cipher.js';
import { intervalOf, remindersFor, type Sealer } from './stepRows.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function resealed(s: Sealer, kind: 'checklist' | 'plan', id: string, text: string, source: string) {
  s.texts.set(id, text);
  s.texts.set(`source:${id}`, source);
  return {
    ...sealStep(s.dek, s.noteId, s.patientId, kind, id, text),
    ...sealSource(s.dek, s.noteId, s.patientId, id, source),
  };
}

export async function editChecklistItem(
  uow: UnitOfWork,
  s: Sealer,
  row: ChecklistItem,
  item: ExtractedChecklistItem,
  position: number,
  dayMs: number,
) {
  const dueAt = item.dueInDays === null ? null : new Date(row.createdAt.getTime() + item.dueInDays * dayMs);
  await uow.tx
    .update(checklistItems)
    .set({ ...resealed(s, 'checklist', row.id, item.text, item.source), dueAt, position })
    .where(eq(checklistItems.id, row.id));
}

/**
 * `status` is what the item should be now: a high-alert item whose timing changed waits for the
 * doctor again (draft). Returns whether anything the patient sees changed.
 */
export async function editPlanItem(
  ctx: AppContext,
  uow: UnitOfWork,
  s: Sealer,
  row: PlanItem,
  item: ExtractedPlanItem,
  position: number,
  held: boolean,
): Promise<boolean> {
  const dayMs = ctx.config.scheduleDayMs;
  const timingChanged = !same(row.timing, item.timing) || row.asNeeded !== item.asNeeded;
  const changed = timingChanged || position !== row.position;
  const status = row.status === 'draft' || (held && timingChanged) ? 'draft' : row.status;
  const required = remindersFor(item);
  const done = row.completedCheckins;
  const finished = item.timing?.durationDays !== null && !item.asNeeded && done >= required;
  const clock = await clockOf(uow.tx, row.patientId);
  // A new timing starts a new grid on the patient's clock, from now.
  const start = timingChanged ? firstDose(item.timing, clock, new Date(), dayMs) : {};
  const [updated] = await uow.tx
    .update(planItems)
    .set({
      ...resealed(s, 'plan', row.id, item.text, item.source),
      position,
      asNeeded: item.asNeeded,
      timing: item.timing,
      ...start,
      intervalMs: intervalOf(item.timing, dayMs),
      requiredCheckins: Math.max(required, done),
      status: status === 'active' && finished ? 'completed' : status,
      ...(status === 'active' && finished ? { completedAt: new Date() } : {}),
    })
    .where(eq(planItems.id, row.id))
    .returning();
  if (status === 'draft' && row.status === 'active') {
    // Now waiting for the doctor: nothing more is reminded until they confirm (doses on record stay).
    // The sweeps claim only rows still to come of active items: no queued job needs removing.
    await rescheduleReminders(uow.tx, updated!, 0, clock, dayMs);
  }
  if (!timingChanged || status !== 'active') return changed || status !== row.status;
  // Still to come: the course minus doses taken, and minus the reminder open now (it stays).
  const { created } = await rescheduleReminders(
    uow.tx,
    updated!,
    finished ? 0 : Math.max(0, required - done - (await openNow(uow, row.id))),
    clock,
    dayMs,
    new Date(updated!.startsAt.getTime() - 1),
  );
  uow.afterCommit(() => scheduleNearTerm(ctx, created));
  return true;
}

async function openNow(uow: UnitOfWork, planItemId: string): Promise<number> {
  const rows = await uow.tx
    .select({ id: reminders.id })
    .from(reminders)
    .where(and(eq(reminders.planItemId, planItemId), eq(reminders.status, 'due')));
  return rows.length;
}
