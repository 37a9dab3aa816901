// Plan item → reminders (DESIGN.md §8): `requiredCheckins` of them (steps/stepRows.ts counts a
// course, or an ongoing item's horizon), spaced `intervalMs` apart from `startsAt`. All reminders are
// rows in PostgreSQL (the source of truth); only the near-term ones get a queued job.
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { reminders, type Reminder, type PlanItem } from '../db/schema.js';

export const redeliveryFor = (dayMs: number) => Math.max(1, Math.floor(dayMs / 24));

/** Every reminder of these plan items, in one insert per 1 000 rows. */
export async function createReminders(tx: Tx, items: PlanItem[]): Promise<Reminder[]> {
  const rows = items.flatMap((item) =>
    Array.from({ length: item.requiredCheckins }, (_, i) => ({
      planItemId: item.id,
      patientId: item.patientId,
      seq: i + 1,
      dueAt: new Date(item.startsAt.getTime() + i * item.intervalMs),
      status: item.status === 'active' ? ('scheduled' as const) : ('cancelled' as const),
    })),
  );
  return insertReminders(tx, rows);
}

type NewReminder = typeof reminders.$inferInsert;

/** Inserts in chunks of 1 000 rows: one note may hold up to MAX_REMINDERS_PER_NOTE. */
async function insertReminders(tx: Tx, rows: NewReminder[]): Promise<Reminder[]> {
  const created: Reminder[] = [];
  for (let i = 0; i < rows.length; i += 1000)
    created.push(
      ...(await tx
        .insert(reminders)
        .values(rows.slice(i, i + 1000))
        .returning()),
    );
  return created;
}

/**
 * Replaces an item's reminders that were never delivered (scheduled, no attempt) with `count` new
 * ones from `firstAt`, numbered after every reminder kept: a correction keeps each dose on record
 * (taken, missed, due) and reshapes only what is still to come. Returns the removed and the new.
 */
export async function rescheduleReminders(tx: Tx, item: PlanItem, count: number, firstAt: Date) {
  const removed = await tx
    .delete(reminders)
    .where(and(eq(reminders.planItemId, item.id), eq(reminders.status, 'scheduled'), eq(reminders.attempts, 0)))
    .returning();
  const [last] = await tx
    .select({ seq: reminders.seq })
    .from(reminders)
    .where(eq(reminders.planItemId, item.id))
    .orderBy(desc(reminders.seq))
    .limit(1);
  const from = last?.seq ?? 0;
  const rows = Array.from({ length: count }, (_, i) => ({
    planItemId: item.id,
    patientId: item.patientId,
    seq: from + i + 1,
    dueAt: new Date(firstAt.getTime() + i * item.intervalMs),
  }));
  return { removed, created: await insertReminders(tx, rows) };
}
