// The patient took a dose (DESIGN §4, §8): on time inside its window, `late` after it (recorded,
// not refused, up to a day after its time). It counts once: the dose and its plan item are locked,
// and a repeated or concurrent take finds it taken and answers the same. The course completes when
// the doses taken reach the course's; what is left of it (an extension) is cancelled.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { planItems, reminders, type User } from '../db/schema.js';
import { conflict } from '../errors.js';
import { renderDoseOutcome } from '../events/render/doses.js';
import { currentDoctor, emitToCare } from '../events/recipients.js';
import { inTransaction } from '../events/unitOfWork.js';
import { loadTexts } from '../sealed/texts.js';
import { windowEnd } from './chain.js';
import { assertOpen, loadDose, outcomeOf } from './loadDose.js';

/** A missed dose can still be recorded as taken late for this long after its time. */
const LATE_LIMIT_MS = 24 * 3_600_000;

export async function takeDose(ctx: AppContext, user: User, doseId: string) {
  const stub = await inTransaction(ctx, async (uow) => {
    const loaded = await loadDose(ctx, uow, user, doseId);
    const { dose, item, scale } = loaded;
    if (dose.status === 'taken' || dose.status === 'late') return outcomeOf(loaded);
    if (dose.status === 'skipped') throw conflict('DOSE_SKIPPED', 'this dose was recorded as skipped');
    const now = new Date();
    const wasMissed = dose.status === 'missed';
    if (wasMissed) {
      if (item.status !== 'active' && item.status !== 'incomplete')
        throw conflict('PLAN_NOT_ACTIVE', `this plan is ${item.status}`);
      if (now.getTime() - dose.dueAt.getTime() > scale.real(LATE_LIMIT_MS))
        throw conflict('DOSE_TOO_LATE', 'this dose was missed more than a day ago');
    } else assertOpen(loaded, now);
    const late = wasMissed || now >= windowEnd(dose, scale);
    const [taken] = await uow.tx
      .update(reminders)
      .set({ status: late ? 'late' : 'taken', takenAt: now, nextAttemptAt: null })
      .where(eq(reminders.id, dose.id))
      .returning();
    const done = item.completedCheckins + 1;
    // An ongoing item never completes: it runs until the doctor changes the plan.
    const completed = item.timing?.durationDays !== null && !item.asNeeded && done >= item.requiredCheckins;
    const [updated] = await uow.tx
      .update(planItems)
      .set({
        completedCheckins: done,
        missedCount: item.missedCount - (wasMissed ? 1 : 0),
        ...(completed ? { status: 'completed' as const, completedAt: now } : {}),
      })
      .where(eq(planItems.id, item.id))
      .returning();
    if (completed)
      await uow.tx
        .update(reminders)
        .set({ status: 'cancelled', nextAttemptAt: null })
        .where(
          and(
            eq(reminders.planItemId, item.id),
            ne(reminders.id, dose.id),
            inArray(reminders.status, ['scheduled', 'due']),
          ),
        );
    const out = outcomeOf({ dose: taken!, item: updated! });
    // The doctor's copy goes to the patient's current doctor, not the note's author.
    const care = { patientId: item.patientId, doctorId: await currentDoctor(uow.tx, item.patientId, { lock: true }) };
    emitToCare(uow, care, 'dose:taken', out);
    if (completed) emitToCare(uow, care, 'plan:completed', { planItem: out.planItem });
    return out;
  });
  return renderDoseOutcome(stub, await loadTexts(ctx, user.id, { plan: [stub.planItem.id] }));
}
