// Plan item → its doses (DESIGN §8): `requiredCheckins` of them (steps/stepRows.ts counts a course,
// or an ongoing item's horizon) at the times the patient's clock gives (doses/schedule.ts). Every
// dose is a row in PostgreSQL (the source of truth); only the near-term ones get a queued job.
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { reminders, type Reminder, type PlanItem } from '../db/schema.js';
import type { Clock } from './patientClock.js';
import { nextDoses, type PlannedDose } from './schedule.js';

type NewReminder = typeof reminders.$inferInsert;

const rowsOf = (item: PlanItem, planned: PlannedDose[], fromSeq: number, live: boolean): NewReminder[] =>
  planned.map((d, i) => ({
    planItemId: item.id,
    patientId: item.patientId,
    seq: fromSeq + i + 1,
    ...d,
    status: live ? ('scheduled' as const) : ('cancelled' as const),
    nextAttemptAt: live ? d.dueAt : null,
  }));

/** Every dose of these new plan items, in one insert per 1 000 rows. */
export async function createReminders(
  tx: Tx,
  items: PlanItem[],
  clocks: Map<string, Clock>,
  dayMs: number,
): Promise<Reminder[]> {
  const rows = items.flatMap((item) =>
    rowsOf(
      item,
      nextDoses(item, clocks.get(item.patientId)!, dayMs, item.requiredCheckins, null),
      0,
      item.status === 'active',
    ),
  );
  return insertReminders(tx, rows);
}

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

async function lastDose(tx: Tx, planItemId: string) {
  const [last] = await tx
    .select({ seq: reminders.seq, dueAt: reminders.dueAt })
    .from(reminders)
    .where(eq(reminders.planItemId, planItemId))
    .orderBy(desc(reminders.seq))
    .limit(1);
  return last;
}

/**
 * Replaces an item's doses that were never delivered (scheduled, no attempt) with `count` new
 * ones after `after` (default: now), numbered after every dose kept: a correction or a settings
 * change keeps each dose on record (taken, missed, due) and reshapes only what is still to come.
 * Returns the removed and the new.
 */
export async function rescheduleReminders(
  tx: Tx,
  item: PlanItem,
  count: number,
  clock: Clock,
  dayMs: number,
  after: Date = new Date(),
) {
  const removed = await tx
    .delete(reminders)
    .where(and(eq(reminders.planItemId, item.id), eq(reminders.status, 'scheduled'), eq(reminders.attempts, 0)))
    .returning();
  const last = await lastDose(tx, item.id);
  // Never two doses of one item at one time: the next starts after the last kept one.
  const from = last && last.dueAt > after ? last.dueAt : after;
  const planned = nextDoses(item, clock, dayMs, count, from);
  return { removed, created: await insertReminders(tx, rowsOf(item, planned, last?.seq ?? 0, true)) };
}

/** `count` more doses after the item's last (an extension, or an ongoing item's horizon). */
export async function appendDoses(tx: Tx, item: PlanItem, count: number, clock: Clock, dayMs: number) {
  const last = await lastDose(tx, item.id);
  const planned = nextDoses(item, clock, dayMs, count, last?.dueAt ?? null);
  return insertReminders(tx, rowsOf(item, planned, last?.seq ?? 0, true));
}
