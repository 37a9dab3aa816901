// Delivering doses (DESIGN.md §8), many at once: doses tend to fall due together (every patient's
// 09:00 dose), so a sweep (doses/claim.ts) claims them in batches and each batch shares one
// transaction: one locking read, the rows' updates, one outbox write. A step inside a dose's window
// delivers it (due, a nudge, the end of a snooze) and stores the next step; at the window's end
// the dose is missed (doses/closeDose.ts decides what follows).
import { inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { rowsOf } from '../db/client.js';
import { reminders, pushSubscriptions, type Reminder, type PlanItem } from '../db/schema.js';
import { type NextStep, nextStep, windowEnd } from './chain.js';
import { closeDose } from './closeDose.js';
import { scaleOf } from './dayScale.js';
import { clocksOf } from './patientClock.js';
import { currentDoctors } from '../events/recipients.js';
import { doseStub } from '../events/render/doses.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import { groupBy } from '../groupBy.js';
import { openPlanForPatient } from '../sealed/cipher.js';
import { withinHorizon } from './scheduling.js';

export type DeliveryOutcome = 'gone' | 'skipped' | 'missed' | 'delivered';

const FINAL = new Set(['taken', 'late', 'skipped', 'missed', 'cancelled']);

/** A claimed dose with its plan item (both locked), the note's key wraps and the patient's key. */
export interface Loaded {
  occ: Reminder;
  item: PlanItem;
  wrappedKeys: Record<string, string>;
  patientKey: string;
}
interface Delivery {
  row: Loaded;
  attempt: number;
  kind: 'due' | 'nudge' | 'snooze';
  next: NextStep;
}

/**
 * Delivers doses already claimed (locked) in this unit of work: each makes its next step (attempt
 * = attempts + 1). Returns what happened to each, in the order given.
 */
export async function deliverClaimed(ctx: AppContext, uow: UnitOfWork, claimed: Loaded[]): Promise<DeliveryOutcome[]> {
  const patients = claimed.map((r) => r.item.patientId);
  const clocks = await clocksOf(uow.tx, patients);
  // Misses also tell the patient's current doctor: read once, and only if the batch has a miss.
  let doctors: Map<string, string | null> | null = null;
  const doctorOf = async (patientId: string) => {
    doctors ??= await currentDoctors(uow.tx, patients, { lock: true });
    return doctors.get(patientId) ?? null;
  };
  const outcomes: DeliveryOutcome[] = [];
  const deliveries: Delivery[] = [];
  for (const row of claimed) {
    const { occ, item } = row;
    // The claim read the row under lock; a stopped plan or a finished dose does nothing.
    if (item.status !== 'active' || FINAL.has(occ.status)) {
      outcomes.push('skipped');
      continue;
    }
    const attempt = occ.attempts + 1;
    const now = new Date();
    const scale = scaleOf(item, ctx.config.scheduleDayMs);
    const clock = clocks.get(item.patientId)!;
    const end = windowEnd(occ, scale);
    if (now >= end || (occ.nextAttemptAt !== null && occ.nextAttemptAt >= end)) {
      const care = { patientId: item.patientId, doctorId: await doctorOf(item.patientId) };
      await closeDose(ctx, uow, occ, item, { status: 'missed' }, clock, care);
      outcomes.push('missed');
      continue;
    }
    const kind = occ.status === 'scheduled' ? 'due' : occ.snoozedUntil && occ.snoozedUntil <= now ? 'snooze' : 'nudge';
    // A late sweep (no worker for a while) delivers once; the steps whose time passed are not made up.
    const next = nextStep(
      { ...occ, snoozedUntil: kind === 'snooze' ? null : occ.snoozedUntil },
      clock,
      scale,
      ctx.config.doses.nudgeMinutes,
      now,
    );
    deliveries.push({ row, attempt, kind, next });
    outcomes.push('delivered');
  }
  if (deliveries.length) await markDue(ctx, uow, deliveries);
  return outcomes;
}

async function markDue(ctx: AppContext, uow: UnitOfWork, deliveries: Delivery[]) {
  // One statement for the batch: each row's own step (attempt, nudge, snooze over, next step).
  const list = (xs: Array<string | number | boolean>) => `{${xs.join(',')}}`;
  const result = await uow.tx.execute(sql`
    update ${reminders} r set status = 'due', attempts = v.attempts, nudges = r.nudges + v.nudge,
      snoozed_until = case when v.snoozed then null else r.snoozed_until end, next_attempt_at = v.next
    from unnest(
      ${list(deliveries.map((d) => d.row.occ.id))}::uuid[],
      ${list(deliveries.map((d) => d.attempt))}::int[],
      ${list(deliveries.map((d) => (d.kind === 'nudge' ? 1 : 0)))}::int[],
      ${list(deliveries.map((d) => d.kind === 'snooze'))}::bool[],
      ${list(deliveries.map((d) => d.next.at.toISOString()))}::timestamptz[]
    ) as v(id, attempts, nudge, snoozed, next)
    where r.id = v.id
    returning r.id`);
  // The rows are locked since the claim, so the update is exactly what was asked: the rows as they
  // now are follow from the claimed ones, without reading them back.
  if (rowsOf(result).length !== deliveries.length) throw new Error('a claimed dose changed under its lock');
  const updated = deliveries.map(({ row: { occ }, attempt, kind, next }) => ({
    ...occ,
    status: 'due' as const,
    attempts: attempt,
    nudges: occ.nudges + (kind === 'nudge' ? 1 : 0),
    snoozedUntil: kind === 'snooze' ? null : occ.snoozedUntil,
    nextAttemptAt: next.at,
  }));
  const byId = new Map(deliveries.map((d) => [d.row.occ.id, d]));
  const due = updated.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const dose of due) {
    const { row, kind } = byId.get(dose.id)!;
    const { item, wrappedKeys, patientKey } = row;
    // The patient's text is in hand (their key, the note's wrap): rendered live without a re-read.
    const text = openPlanForPatient(ctx.keyring, item, wrappedKeys, patientKey);
    if (text === null) throw new Error("a plan item of a note without its patient's key wrap");
    uow.emit(
      item.patientId,
      'dose:due',
      { dose: doseStub(dose), kind },
      { patientId: item.patientId, texts: new Map([[item.id, text]]) },
    );
  }
  const subs = await uow.tx
    .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId })
    .from(pushSubscriptions)
    .where(inArray(pushSubscriptions.userId, [...new Set(due.map((o) => o.patientId))]));
  uow.afterCommit(async () => {
    // The next step is queued now only if it is near; a later pass queues the others in time.
    const next = due.filter((d) => withinHorizon(d.nextAttemptAt!));
    await ctx.jobs.scheduleSweeps(next.map((d) => d.nextAttemptAt!));
    // Doses due together are one notification per device (DESIGN §8).
    const subsOf = groupBy(subs, (sub) => sub.userId);
    const byPatient = groupBy(due, (d) => d.patientId);
    await ctx.jobs.enqueuePushes(
      [...byPatient].flatMap(([patientId, doses]) =>
        (subsOf.get(patientId) ?? []).map((sub) => ({
          subscriptionId: sub.id,
          doses: doses.map((d) => ({ reminderId: d.id, attempt: d.attempts })),
        })),
      ),
    );
  });
}
