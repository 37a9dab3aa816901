// Delivering due reminders (DESIGN.md §8), many at once: reminders tend to fall due together
// (every patient's 08:00 dose), so the reminder processor hands over the jobs that arrive together
// and they share one transaction: one locking read, one update per attempt number, one outbox
// write. Inside a reminder's window a job delivers (socket + push) and queues attempt k+1; at
// the window's end it marks the reminder missed and appends one more at the end of the plan.
import { desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { notes, reminders, planItems, pushSubscriptions, users, type Reminder, type PlanItem } from '../db/schema.js';
import { currentDoctors, emitToCare } from '../events/recipients.js';
import { inTransaction, type UnitOfWork } from '../events/unitOfWork.js';
import { dataKeyWith, openStep, privateKeyFromWrap } from '../sealed/cipher.js';
import { reminderStub } from '../events/render/reminders.js';
import { planStub } from '../events/render/steps.js';
import type { ReminderJob } from '../jobs/types.js';
import { attemptTime, scheduleNearTerm, withinHorizon } from './scheduling.js';
import { groupBy } from '../groupBy.js';

export type DeliveryOutcome = 'gone' | 'skipped' | 'missed' | 'delivered';

const FINAL = new Set(['taken', 'missed', 'cancelled']);

interface Loaded {
  occ: Reminder;
  item: PlanItem;
  wrappedKeys: Record<string, string>;
  patientKey: string;
}

export async function deliverReminders(ctx: AppContext, jobs: ReminderJob[]): Promise<DeliveryOutcome[]> {
  return inTransaction(ctx, async (uow) => {
    const loaded = await lockRows(
      uow,
      jobs.map((j) => j.reminderId),
    );
    const day = ctx.config.scheduleDayMs;
    const outcomes: DeliveryOutcome[] = [];
    const deliveries = new Map<number, Loaded[]>(); // by the attempt being made
    // Misses also tell the patient's current doctor: read once, and only if the batch has a miss.
    let doctors: Map<string, string | null> | null = null;
    const doctorOf = async (patientId: string) => {
      doctors ??= await currentDoctors(
        uow.tx,
        [...loaded.values()].map((r) => r.item.patientId),
        { lock: true },
      );
      return doctors.get(patientId) ?? null;
    };
    for (const job of jobs) {
      const row = loaded.get(job.reminderId);
      if (!row) {
        outcomes.push('gone');
        continue;
      }
      const { occ, item } = row;
      // Re-read and bail: a cancelled plan, a finished reminder or an attempt already made does nothing.
      if (item.status !== 'active' || FINAL.has(occ.status) || occ.attempts >= job.attempt) {
        outcomes.push('skipped');
        continue;
      }
      // A late job (no worker for a while, a backlog) delivers once, as the latest attempt whose
      // time has come, instead of catching up with a burst of every attempt it missed.
      let attempt = job.attempt;
      while (
        attemptTime(occ, item, attempt, day).kind === 'deliver' &&
        attemptTime(occ, item, attempt + 1, day).at.getTime() <= Date.now()
      )
        attempt++;
      if (attemptTime(occ, item, attempt, day).kind === 'expire') {
        await expire(ctx, uow, row, await doctorOf(row.item.patientId));
        outcomes.push('missed');
        continue;
      }
      occ.attempts = attempt; // claimed: a second job for the same reminder in this batch skips
      deliveries.set(attempt, [...(deliveries.get(attempt) ?? []), row]);
      outcomes.push('delivered');
    }
    for (const [attempt, rows] of deliveries) await markDue(ctx, uow, attempt, rows);
    return outcomes;
  });
}

/** Reminder, plan item (both locked, in id order), the note's wraps and the patient's key. */
async function lockRows(uow: UnitOfWork, ids: string[]): Promise<Map<string, Loaded>> {
  const rows = await uow.tx
    .select({
      occ: reminders,
      item: planItems,
      wrappedKeys: notes.wrappedKeys,
      patientKey: users.wrappedPrivateKey,
    })
    .from(reminders)
    .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
    .innerJoin(notes, eq(notes.id, planItems.noteId))
    .innerJoin(users, eq(users.id, planItems.patientId))
    .where(inArray(reminders.id, [...new Set(ids)]))
    .orderBy(reminders.id)
    .for('update', { of: [reminders, planItems] });
  return new Map(rows.map((r) => [r.occ.id, r]));
}

async function markDue(ctx: AppContext, uow: UnitOfWork, attempt: number, rows: Loaded[]) {
  const due = await uow.tx
    .update(reminders)
    .set({ status: 'due', attempts: attempt })
    .where(
      inArray(
        reminders.id,
        rows.map((r) => r.occ.id),
      ),
    )
    .returning();
  const byId = new Map(rows.map((r) => [r.occ.id, r]));
  for (const occ of due) {
    const { item, wrappedKeys, patientKey } = byId.get(occ.id)!;
    const reminder = { id: occ.id, planItemId: item.id, dueAt: occ.dueAt.toISOString(), attempt };
    // The patient's text is in hand (their key, the note's wrap): rendered live without a re-read.
    const text = openStep(
      dataKeyWith({ id: item.noteId, wrappedKeys }, item.patientId, privateKeyFromWrap(ctx.keyring, patientKey)),
      'plan',
      item,
    );
    uow.emit(
      item.patientId,
      'reminder:due',
      { reminder },
      { patientId: item.patientId, texts: new Map([[item.id, text]]) },
    );
  }
  const subs = await uow.tx
    .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId })
    .from(pushSubscriptions)
    .where(inArray(pushSubscriptions.userId, [...new Set(due.map((o) => o.patientId))]));
  uow.afterCommit(async () => {
    const day = ctx.config.scheduleDayMs;
    // The next attempt (a re-delivery or the expiry) is queued now only if it is near; a later
    // reconciliation pass queues the others when their time comes within the horizon.
    const next = due.map((occ) => ({
      reminderId: occ.id,
      attempt: attempt + 1,
      at: attemptTime(occ, byId.get(occ.id)!.item, attempt + 1, day).at,
    }));
    await ctx.jobs.scheduleReminders(next.filter((n) => withinHorizon(n.at)));
    const subsOf = groupBy(subs, (sub) => sub.userId);
    await ctx.jobs.enqueuePushes(
      due.flatMap((occ) =>
        (subsOf.get(occ.patientId) ?? []).map((sub) => ({ subscriptionId: sub.id, reminderId: occ.id, attempt })),
      ),
    );
  });
}

/** Window over without a check-in: missed, missedCount + 1, and one reminder appended. */
async function expire(ctx: AppContext, uow: UnitOfWork, { occ, item }: Loaded, doctorId: string | null) {
  const [missed] = await uow.tx.update(reminders).set({ status: 'missed' }).where(eq(reminders.id, occ.id)).returning();
  const [last] = await uow.tx
    .select()
    .from(reminders)
    .where(eq(reminders.planItemId, item.id))
    .orderBy(desc(reminders.seq))
    .limit(1);
  const [extra] = await uow.tx
    .insert(reminders)
    .values({
      planItemId: item.id,
      patientId: item.patientId,
      seq: last!.seq + 1,
      dueAt: new Date(last!.dueAt.getTime() + item.intervalMs),
    })
    .returning();
  const [updated] = await uow.tx
    .update(planItems)
    .set({ missedCount: item.missedCount + 1 })
    .where(eq(planItems.id, item.id))
    .returning();
  item.missedCount = updated!.missedCount; // another reminder of this item in the same batch counts on
  const data = { reminder: reminderStub(missed!), planItem: planStub(updated!) };
  emitToCare(uow, { patientId: item.patientId, doctorId }, 'reminder:missed', data);
  uow.afterCommit(() => scheduleNearTerm(ctx, [extra!]));
}
