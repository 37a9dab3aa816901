// The patient snoozes a due dose for 5–120 minutes of their day, inside its window (DESIGN §4):
// the pending step of its delivery chain is replaced by one at the snooze's end (nudges before it
// are dropped). A snooze that would outlast the window is refused: the dose would be missed asleep.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { reminders, type User } from '../db/schema.js';
import { conflict } from '../errors.js';
import { doseStub } from '../events/render/doses.js';
import { withText } from '../events/render/renderer.js';
import { currentDoctor, emitToCare } from '../events/recipients.js';
import { inTransaction } from '../events/unitOfWork.js';
import { scheduleNearTerm } from './scheduling.js';
import { loadTexts } from '../sealed/texts.js';
import { windowEnd } from './chain.js';
import { loadDose } from './loadDose.js';

export async function snoozeDose(ctx: AppContext, user: User, doseId: string, minutes: number) {
  const stub = await inTransaction(ctx, async (uow) => {
    const { dose, item, scale } = await loadDose(ctx, uow, user, doseId);
    if (dose.status !== 'due')
      throw conflict(dose.status === 'scheduled' ? 'DOSE_NOT_DUE' : 'DOSE_CLOSED', `this dose is ${dose.status}`);
    if (item.status !== 'active') throw conflict('PLAN_NOT_ACTIVE', `this plan is ${item.status}`);
    const until = new Date(Date.now() + scale.real(minutes * 60_000));
    if (until >= windowEnd(dose, scale))
      throw conflict('SNOOZE_PAST_WINDOW', 'this dose must be taken before its window closes; snooze for less');
    // attempts + 1: the pending step's job finds itself outdated and does nothing.
    const [snoozed] = await uow.tx
      .update(reminders)
      .set({ snoozedUntil: until, attempts: dose.attempts + 1, nextAttemptAt: until })
      .where(eq(reminders.id, dose.id))
      .returning();
    const care = { patientId: item.patientId, doctorId: await currentDoctor(uow.tx, item.patientId, { lock: true }) };
    const out = { dose: doseStub(snoozed!) };
    emitToCare(uow, care, 'dose:snoozed', out);
    uow.afterCommit(() => scheduleNearTerm(ctx, [snoozed!]));
    return out;
  });
  const texts = await loadTexts(ctx, user.id, { plan: [stub.dose.planItemId] });
  return { dose: withText(stub.dose, texts, stub.dose.planItemId) };
}
