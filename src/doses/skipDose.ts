// The patient skips a dose, with a reason from a fixed list (DESIGN §4): it is on record as
// skipped, the doctor sees it, and a finite course gets the dose back at the end (closeDose).
// Repeating it answers the same; a dose taken or missed cannot be skipped.
import type { AppContext } from '../context.js';
import type { Reminder, User } from '../db/schema.js';
import { conflict } from '../errors.js';
import { renderDoseOutcome } from '../events/render/doses.js';
import { currentDoctor } from '../events/recipients.js';
import { inTransaction } from '../events/unitOfWork.js';
import { loadTexts } from '../sealed/texts.js';
import { closeDose } from './closeDose.js';
import { assertOpen, loadDose, outcomeOf } from './loadDose.js';

export async function skipDose(
  ctx: AppContext,
  user: User,
  doseId: string,
  reason: NonNullable<Reminder['skipReason']>,
) {
  const stub = await inTransaction(ctx, async (uow) => {
    const loaded = await loadDose(ctx, uow, user, doseId);
    const { dose, item, clock } = loaded;
    if (dose.status === 'skipped') return outcomeOf(loaded);
    if (dose.status === 'taken' || dose.status === 'late') throw conflict('DOSE_TAKEN', 'this dose was taken');
    if (dose.status === 'missed') throw conflict('DOSE_MISSED', 'this dose was missed; its window has closed');
    assertOpen(loaded, new Date());
    const care = { patientId: item.patientId, doctorId: await currentDoctor(uow.tx, item.patientId, { lock: true }) };
    const out = await closeDose(ctx, uow, dose, item, { status: 'skipped', skipReason: reason }, clock, care);
    return out;
  });
  return renderDoseOutcome(stub, await loadTexts(ctx, user.id, { plan: [stub.planItem.id] }));
}
