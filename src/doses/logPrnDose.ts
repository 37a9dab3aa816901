// The patient logs an as-needed dose (DESIGN §4). The note's maximum (the item's timing: "max 4 a
// day", "every 6 hours") is checked over the last 24 hours of the patient's day: past it the dose
// is refused with a clear warning, unless the patient says they took it anyway (`overMax`) — then
// it is recorded, flagged, and the doctor sees it live. Nothing the patient took is left unrecorded.
import { and, eq, gt } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { planItems, prnDoses, type User } from '../db/schema.js';
import { AppError, conflict, notFound } from '../errors.js';
import { prnStub } from '../events/render/doses.js';
import { withText } from '../events/render/renderer.js';
import { planStub } from '../events/render/steps.js';
import { currentDoctor, emitToCare } from '../events/recipients.js';
import { inTransaction } from '../events/unitOfWork.js';
import { dosesPerDay } from '../extraction/timing.js';
import { authorize, canRecordDose } from '../policies.js';
import { loadTexts } from '../sealed/texts.js';
import { scaleAt } from './dayScale.js';

export async function logPrnDose(ctx: AppContext, user: User, planItemId: string, overMax: boolean) {
  const stub = await inTransaction(ctx, async (uow) => {
    const [item] = await uow.tx.select().from(planItems).where(eq(planItems.id, planItemId)).for('update');
    if (!item) throw notFound('plan item');
    authorize(canRecordDose(user, item), 'only the patient records their doses');
    if (!item.asNeeded) throw conflict('NOT_AS_NEEDED', 'this item is scheduled; take its doses instead');
    if (item.status !== 'active') throw conflict('PLAN_NOT_ACTIVE', `this plan is ${item.status}`);
    const now = new Date();
    const since = new Date(now.getTime() - scaleAt(now, ctx.config.scheduleDayMs).real(86_400_000));
    const recent = await uow.tx
      .select({ id: prnDoses.id })
      .from(prnDoses)
      .where(and(eq(prnDoses.planItemId, item.id), gt(prnDoses.takenAt, since)));
    const max = item.timing ? Math.floor(dosesPerDay(item.timing) + 1e-9) : null;
    const reached = max !== null && recent.length >= max;
    if (reached && !overMax)
      throw new AppError(
        409,
        'PRN_MAX_REACHED',
        `${recent.length} doses in the last 24 hours: the most your doctor's note allows is ${max}. ` +
          'Do not take more without advice; if you already took it, log it with overMax: true.',
        { today: recent.length, maxPerDay: max },
      );
    const [logged] = await uow.tx
      .insert(prnDoses)
      .values({ planItemId: item.id, patientId: item.patientId, takenAt: now, overMax: reached ? 1 : 0 })
      .returning();
    const out = { prnDose: prnStub(logged!), planItem: planStub(item), today: recent.length + 1, maxPerDay: max };
    const care = { patientId: item.patientId, doctorId: await currentDoctor(uow.tx, item.patientId, { lock: true }) };
    emitToCare(uow, care, 'prn:taken', out);
    return out;
  });
  const texts = await loadTexts(ctx, user.id, { plan: [stub.planItem.id] });
  return { ...stub, planItem: withText(stub.planItem, texts) };
}
