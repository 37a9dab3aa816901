// Processor for `reminders` jobs: attempt k of an occurrence's delivery chain. Inside the
// occurrence's window it delivers (socket + push) and queues attempt k+1; at the window's end it
// marks the occurrence missed and appends one more at the end of the plan (DESIGN.md §8).
import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { notes, occurrences, planItems, pushSubscriptions } from '../db/schema.js';
import { inTransaction } from '../events/unitOfWork.js';
import { planStub, reminderStub } from '../notes/stepPresenters.js';
import { attemptTime, scheduleNearTerm } from '../reminders/scheduling.js';
import { saveUnique, type Queues, type ReminderJob } from './queues.js';

const FINAL = new Set(['checked_in', 'missed', 'cancelled']);

export async function deliverReminder(ctx: AppContext, queues: Queues, job: ReminderJob): Promise<string> {
  return inTransaction(ctx, async (uow) => {
    const [occ] = await uow.tx.select().from(occurrences).where(eq(occurrences.id, job.occurrenceId)).for('update');
    if (!occ) return 'gone';
    const [item] = await uow.tx.select().from(planItems).where(eq(planItems.id, occ.planItemId)).for('update');
    // Re-read and bail: a cancelled plan, a finished occurrence or an attempt already made does nothing.
    if (!item || item.status !== 'active' || FINAL.has(occ.status) || occ.attempts >= job.attempt) return 'skipped';
    // A late job (no worker for a while, a backlog) delivers once, as the latest attempt whose time
    // has come, instead of catching up with a burst of every attempt it missed.
    const day = ctx.config.scheduleDayMs;
    let attempt = job.attempt;
    while (attemptTime(occ, item, attempt, day).kind === 'deliver' && attemptTime(occ, item, attempt + 1, day).at.getTime() <= Date.now()) attempt++;
    const step = attemptTime(occ, item, attempt, day);
    const [note] = await uow.tx.select({ doctorId: notes.doctorId }).from(notes).where(eq(notes.id, item.noteId));

    if (step.kind === 'expire') {
      const [missed] = await uow.tx.update(occurrences).set({ status: 'missed' }).where(eq(occurrences.id, occ.id)).returning();
      const [last] = await uow.tx.select().from(occurrences).where(eq(occurrences.planItemId, item.id)).orderBy(desc(occurrences.seq)).limit(1);
      const [extra] = await uow.tx.insert(occurrences).values({
        planItemId: item.id, patientId: item.patientId, seq: last!.seq + 1,
        dueAt: new Date(last!.dueAt.getTime() + item.intervalMs),
      }).returning();
      const [updated] = await uow.tx.update(planItems).set({ missedCount: item.missedCount + 1 }).where(eq(planItems.id, item.id)).returning();
      const data = { reminder: reminderStub(missed!), planItem: planStub(updated!) };
      for (const to of [item.patientId, note!.doctorId]) await uow.emit(to, 'reminder:missed', data);
      uow.afterCommit(() => scheduleNearTerm(ctx, [extra!]));
      return 'missed';
    }

    const [due] = await uow.tx.update(occurrences).set({ status: 'due', attempts: attempt }).where(eq(occurrences.id, occ.id)).returning();
    await uow.emit(item.patientId, 'reminder:due', {
      reminder: { id: due!.id, planItemId: item.id, dueAt: due!.dueAt.toISOString(), attempt },
    });
    const next = attemptTime(due!, item, attempt + 1, day);
    const subs = await uow.tx.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, item.patientId));
    uow.afterCommit(async () => {
      await ctx.jobs.scheduleOccurrence(due!.id, attempt + 1, next.at);
      for (const sub of subs) {
        await saveUnique(queues.push, `push:${sub.id}:${due!.id}:${attempt}:0`,
          { subscriptionId: sub.id, occurrenceId: due!.id, attempt, tries: 0 }, { timeoutMs: 30_000 });
      }
    });
    return 'delivered';
  });
}
