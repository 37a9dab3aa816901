// A dose that was not taken (its window closed: missed; or the patient skipped it), and what
// follows from it (DESIGN §8 v2): a finite course gets one dose more at the end, at most as many as
// the course had; the item turns `incomplete` (and the doctor is told) when no dose is left and the
// course was not taken; N misses in a row raise an adherence alert to the current doctor.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { adherenceAlerts, planItems, reminders, type PlanItem, type Reminder } from '../db/schema.js';
import { alertStub, doseStub } from '../events/render/doses.js';
import { planStub } from '../events/render/steps.js';
import { emitToCare } from '../events/recipients.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import { appendDoses } from './planning.js';
import { scheduleNearTerm } from './scheduling.js';
import type { Clock } from './patientClock.js';

export interface Closing {
  status: 'missed' | 'skipped';
  skipReason?: Reminder['skipReason'];
}

interface Care {
  patientId: string;
  doctorId: string | null;
}

/** Marks the dose and updates its item; `item` is updated in place (a batch may close two of its doses). */
export async function closeDose(
  ctx: AppContext,
  uow: UnitOfWork,
  dose: Reminder,
  item: PlanItem,
  how: Closing,
  clock: Clock,
  care: Care,
) {
  const [closed] = await uow.tx
    .update(reminders)
    .set({ status: how.status, skipReason: how.skipReason ?? null, nextAttemptAt: null })
    .where(eq(reminders.id, dose.id))
    .returning();
  const finite = item.timing?.durationDays !== null && !item.asNeeded;
  // The course's own doses come back at the end, but no more than the course had.
  const extend = finite && item.extendedCount < item.requiredCheckins;
  const extra = extend ? await appendDoses(uow.tx, item, 1, clock, ctx.config.scheduleDayMs) : [];
  const counts = {
    missedCount: item.missedCount + (how.status === 'missed' ? 1 : 0),
    skippedCount: item.skippedCount + (how.status === 'skipped' ? 1 : 0),
    extendedCount: item.extendedCount + extra.length,
  };
  const left = finite && !extend ? await liveDoses(uow, item.id) : 1;
  const incomplete = left === 0 && item.completedCheckins < item.requiredCheckins;
  const [updated] = await uow.tx
    .update(planItems)
    .set({ ...counts, ...(incomplete ? { status: 'incomplete' as const, completedAt: new Date() } : {}) })
    .where(eq(planItems.id, item.id))
    .returning();
  Object.assign(item, updated);
  const out = { dose: doseStub(closed!), planItem: planStub(updated!) };
  emitToCare(uow, care, how.status === 'missed' ? 'dose:missed' : 'dose:skipped', out);
  if (how.status === 'missed') await alertOnMisses(ctx, uow, updated!, care);
  if (incomplete) {
    emitToCare(uow, care, 'plan:incomplete', { planItem: out.planItem });
    await raiseAlert(uow, updated!, care, 'incomplete', 0);
  }
  if (extra.length) uow.afterCommit(() => scheduleNearTerm(ctx, extra));
  return out;
}

async function liveDoses(uow: UnitOfWork, planItemId: string): Promise<number> {
  const rows = await uow.tx
    .select({ id: reminders.id })
    .from(reminders)
    .where(and(eq(reminders.planItemId, planItemId), inArray(reminders.status, ['scheduled', 'due'])));
  return rows.length;
}

/** N misses in a row (skips are the patient's own word and do not count) raise one open alert. */
async function alertOnMisses(ctx: AppContext, uow: UnitOfWork, item: PlanItem, care: Care) {
  const n = ctx.config.doses.alertAfterMisses;
  const recent = await uow.tx
    .select({ status: reminders.status })
    .from(reminders)
    .where(and(eq(reminders.planItemId, item.id), inArray(reminders.status, ['taken', 'late', 'missed'])))
    .orderBy(desc(reminders.dueAt))
    .limit(n);
  if (recent.length < n || recent.some((r) => r.status !== 'missed')) return;
  await raiseAlert(uow, item, care, 'missed_doses', n);
}

async function raiseAlert(
  uow: UnitOfWork,
  item: PlanItem,
  care: Care,
  kind: 'missed_doses' | 'incomplete',
  misses: number,
) {
  if (!care.doctorId) return;
  // One open alert per item and kind: a run of misses is one alert until the doctor acknowledges it.
  const [open] = await uow.tx
    .select({ id: adherenceAlerts.id })
    .from(adherenceAlerts)
    .where(
      and(
        eq(adherenceAlerts.planItemId, item.id),
        eq(adherenceAlerts.kind, kind),
        isNull(adherenceAlerts.acknowledgedAt),
      ),
    );
  if (open) return;
  const [alert] = await uow.tx
    .insert(adherenceAlerts)
    .values({ patientId: item.patientId, doctorId: care.doctorId, planItemId: item.id, kind, misses })
    .returning();
  emitToCare(uow, care, 'adherence:alert', { alert: alertStub(alert!), planItem: planStub(item) }, { patient: false });
}
