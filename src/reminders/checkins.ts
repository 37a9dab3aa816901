// Check-ins and checklist ticks. A check-in counts once: the occurrence row is locked, and a
// repeated or concurrent check-in finds it already checked in and answers the same result.
import { and, asc, eq, inArray, lt, ne } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { checklistItems, notes, occurrences, planItems, type User } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { authorize, canCheckIn, canCompleteChecklistItem } from '../policies.js';
import { inTransaction } from '../events/unitOfWork.js';
import { checklistStub, planStub, reminderStub, withText } from '../notes/stepPresenters.js';
import { stepTexts } from '../notes/stepTexts.js';
import { authorizePatientRecord } from '../notes/service.js';
import { presentCheckin } from './presenters.js';

const NOT_CHECKABLE: Record<string, [string, string]> = {
  scheduled: ['REMINDER_NOT_DUE', 'this reminder is not due yet'],
  missed: ['REMINDER_MISSED', 'this reminder was missed; check in on the current one'],
  cancelled: ['REMINDER_CANCELLED', 'this reminder was cancelled by a newer note'],
};

export async function checkIn(ctx: AppContext, user: User, occurrenceId: string) {
  const [found] = await ctx.db.select().from(occurrences).where(eq(occurrences.id, occurrenceId));
  if (!found) throw notFound('reminder');
  authorize(canCheckIn(user, found), 'only the patient checks in');
  const { occ, item } = await inTransaction(ctx, async (uow) => {
    const [occ] = await uow.tx.select().from(occurrences).where(eq(occurrences.id, occurrenceId)).for('update');
    const [item] = await uow.tx.select().from(planItems).where(eq(planItems.id, occ!.planItemId)).for('update');
    if (occ!.status === 'checked_in') return { occ: occ!, item: item! };
    const refusal = NOT_CHECKABLE[occ!.status];
    if (refusal) throw conflict(refusal[0], refusal[1]);
    if (item!.status !== 'active') throw conflict('PLAN_NOT_ACTIVE', `this plan is ${item!.status}`);
    const now = new Date();
    const [checked] = await uow.tx
      .update(occurrences)
      .set({ status: 'checked_in', checkedInAt: now })
      .where(eq(occurrences.id, occurrenceId))
      .returning();
    const completed = item!.completedCheckins + 1 >= item!.requiredCheckins;
    const [updated] = await uow.tx
      .update(planItems)
      .set({
        completedCheckins: item!.completedCheckins + 1,
        ...(completed ? { status: 'completed' as const, completedAt: now } : {}),
      })
      .where(eq(planItems.id, item!.id))
      .returning();
    if (completed) {
      await uow.tx
        .update(occurrences)
        .set({ status: 'cancelled' })
        .where(and(eq(occurrences.planItemId, item!.id), eq(occurrences.status, 'scheduled')));
    }
    const [note] = await uow.tx.select({ doctorId: notes.doctorId }).from(notes).where(eq(notes.id, item!.noteId));
    const data = { reminder: reminderStub(checked!), planItem: planStub(updated!) };
    for (const to of [user.id, note!.doctorId]) await uow.emit(to, 'reminder:checked-in', data);
    if (completed)
      for (const to of [user.id, note!.doctorId])
        await uow.emit(to, 'plan:completed', { planItem: planStub(updated!) });
    uow.afterCommit(() => ctx.jobs.removeOccurrenceJobs([checked!]));
    return { occ: checked!, item: updated! };
  });
  return presentCheckin(ctx, user.id, occ, item);
}

export async function completeChecklistItem(ctx: AppContext, user: User, itemId: string) {
  const [found] = await ctx.db.select().from(checklistItems).where(eq(checklistItems.id, itemId));
  if (!found) throw notFound('checklist item');
  authorize(canCompleteChecklistItem(user, found), 'only the patient ticks their checklist');
  const item = await inTransaction(ctx, async (uow) => {
    const [row] = await uow.tx.select().from(checklistItems).where(eq(checklistItems.id, itemId)).for('update');
    if (row!.status === 'done') return row!;
    if (row!.status === 'cancelled') throw conflict('ITEM_CANCELLED', 'this item was cancelled by a newer note');
    const [done] = await uow.tx
      .update(checklistItems)
      .set({ status: 'done', doneAt: new Date() })
      .where(eq(checklistItems.id, itemId))
      .returning();
    const [note] = await uow.tx.select({ doctorId: notes.doctorId }).from(notes).where(eq(notes.id, row!.noteId));
    const data = { item: checklistStub(done!), noteId: row!.noteId, patientId: row!.patientId };
    for (const to of [user.id, note!.doctorId]) await uow.emit(to, 'checklist:done', data);
    return done!;
  });
  const texts = await stepTexts(ctx, user.id, { checklist: [item.id] });
  return { item: withText(checklistStub(item), texts) };
}

/** Reminders of the patient's live plans: everything up to one day ahead (oldest first). */
export async function listReminders(ctx: AppContext, reader: User, patientId: string) {
  await authorizePatientRecord(ctx, reader, patientId);
  const rows = await ctx.db
    .select({ occ: occurrences })
    .from(occurrences)
    .innerJoin(planItems, eq(planItems.id, occurrences.planItemId))
    .where(
      and(
        eq(occurrences.patientId, patientId),
        inArray(planItems.status, ['active', 'completed']),
        ne(occurrences.status, 'cancelled'),
        lt(occurrences.dueAt, new Date(Date.now() + ctx.config.scheduleDayMs)),
      ),
    )
    .orderBy(asc(occurrences.dueAt), asc(occurrences.seq))
    .limit(500);
  const texts = await stepTexts(ctx, reader.id, { plan: [...new Set(rows.map((r) => r.occ.planItemId))] });
  return { reminders: rows.map(({ occ }) => withText(reminderStub(occ), texts, occ.planItemId)) };
}
