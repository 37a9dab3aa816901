// The rows a dose command works on: the dose and its plan item, locked in that order (as the
// delivery worker locks them), and the patient's clock.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { planItems, reminders, type User } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { planStub } from '../events/render/steps.js';
import { doseStub } from '../events/render/doses.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import { authorize, canRecordDose } from '../policies.js';
import { scaleOf } from './dayScale.js';
import { clockOf } from './patientClock.js';

/** How early a dose may be taken or skipped before its time: an hour of the patient's day. */
export const EARLY_MS = 3_600_000;

export async function loadDose(ctx: AppContext, uow: UnitOfWork, user: User, doseId: string) {
  const [row] = await uow.tx
    .select({ dose: reminders, item: planItems })
    .from(reminders)
    .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
    .where(eq(reminders.id, doseId))
    .for('update', { of: [reminders, planItems] });
  if (!row) throw notFound('dose');
  authorize(canRecordDose(user, row.dose), 'only the patient records their doses');
  const scale = scaleOf(row.item, ctx.config.scheduleDayMs);
  return { ...row, scale, clock: await clockOf(uow.tx, row.item.patientId) };
}

export type LoadedDose = Awaited<ReturnType<typeof loadDose>>;

/** A dose not yet due may be acted on only within the hour before it. */
export function assertOpen({ dose, item, scale }: LoadedDose, now: Date) {
  if (dose.status === 'cancelled') throw conflict('DOSE_CANCELLED', 'this dose was cancelled by a change of plan');
  if (item.status !== 'active') throw conflict('PLAN_NOT_ACTIVE', `this plan is ${item.status}`);
  if (dose.status === 'scheduled' && dose.dueAt.getTime() - now.getTime() > scale.real(EARLY_MS))
    throw conflict('DOSE_NOT_DUE', `this dose is due at ${dose.localTime ?? dose.dueAt.toISOString()}`);
}

export const outcomeOf = (l: Pick<LoadedDose, 'dose' | 'item'>) => ({
  dose: doseStub(l.dose),
  planItem: planStub(l.item),
});
