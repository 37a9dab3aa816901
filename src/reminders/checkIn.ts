// A patient checks in on a due reminder. It counts once: the reminder and its plan item are
// locked, and a repeated or concurrent check-in finds it already checked in and answers the same.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { reminders, planItems, type User } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { renderOutcome, reminderStub } from '../events/render/reminders.js';
import { planStub } from '../events/render/steps.js';
import { currentDoctor, emitToCare } from '../events/recipients.js';
import { inTransaction } from '../events/unitOfWork.js';
import { authorize, canCheckIn } from '../policies.js';
import { loadTexts } from '../sealed/texts.js';

const NOT_CHECKABLE: Record<string, [string, string]> = {
  scheduled: ['REMINDER_NOT_DUE', 'this reminder is not due yet'],
  missed: ['REMINDER_MISSED', 'this reminder was missed; check in on the current one'],
  cancelled: ['REMINDER_CANCELLED', 'this reminder was cancelled by a newer note'],
};

export async function checkIn(ctx: AppContext, user: User, reminderId: string) {
  const stub = await inTransaction(ctx, async (uow) => {
    const [row] = await uow.tx
      .select({ occ: reminders, item: planItems })
      .from(reminders)
      .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
      .where(eq(reminders.id, reminderId))
      .for('update', { of: [reminders, planItems] });
    if (!row) throw notFound('reminder');
    const { occ, item } = row;
    authorize(canCheckIn(user, occ), 'only the patient checks in');
    if (occ.status === 'taken') return { reminder: reminderStub(occ), planItem: planStub(item) };
    const refusal = NOT_CHECKABLE[occ.status];
    if (refusal) throw conflict(refusal[0], refusal[1]);
    if (item.status !== 'active') throw conflict('PLAN_NOT_ACTIVE', `this plan is ${item.status}`);
    const now = new Date();
    const [checked] = await uow.tx
      .update(reminders)
      .set({ status: 'taken', takenAt: now })
      .where(eq(reminders.id, reminderId))
      .returning();
    // An ongoing item never completes: it runs until the doctor changes the plan.
    const ongoing = item.timing?.durationDays === null;
    const completed = !ongoing && item.completedCheckins + 1 >= item.requiredCheckins;
    const [updated] = await uow.tx
      .update(planItems)
      .set({
        completedCheckins: item.completedCheckins + 1,
        ...(completed ? { status: 'completed' as const, completedAt: now } : {}),
      })
      .where(eq(planItems.id, item.id))
      .returning();
    if (completed) {
      await uow.tx
        .update(reminders)
        .set({ status: 'cancelled' })
        .where(and(eq(reminders.planItemId, item.id), eq(reminders.status, 'scheduled')));
    }
    const out = { reminder: reminderStub(checked!), planItem: planStub(updated!) };
    // The doctor's copy goes to the patient's current doctor, not the note's author.
    const care = { patientId: item.patientId, doctorId: await currentDoctor(uow.tx, item.patientId, { lock: true }) };
    emitToCare(uow, care, 'reminder:checked-in', out);
    if (completed) emitToCare(uow, care, 'plan:completed', { planItem: out.planItem });
    uow.afterCommit(() => ctx.jobs.removeReminderJobs([checked!]));
    return out;
  });
  return renderOutcome(stub, await loadTexts(ctx, user.id, { plan: [stub.planItem.id] }));
}
