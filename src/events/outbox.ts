// The outbox: every server→client event is first a row of `events`, numbered per user inside the
// same transaction as the change it reports; it is emitted only after that transaction commits.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { eventCursors, events, type EventRow } from '../db/schema.js';
import type { EventType } from '../realtime/protocol.js';

export interface PendingEvent { userId: string; type: EventType; stored: Record<string, unknown> }

/**
 * Writes a transaction's events in two statements, however many there are: one upsert moves every
 * recipient's cursor forward by their count (taking the row locks that make seqs distinct and
 * gapless under concurrency), one insert writes the rows. Called last in the transaction, so the
 * cursor locks — a hot spot for a doctor with many patients — are held only until the commit.
 * Returns the rows in the order the events were emitted.
 */
export async function appendEvents(tx: DbOrTx, pending: PendingEvent[]): Promise<EventRow[]> {
  if (pending.length === 0) return [];
  const counts = new Map<string, number>();
  for (const e of pending) counts.set(e.userId, (counts.get(e.userId) ?? 0) + 1);
  // One lock order for everybody (by user id), so two writers never wait on each other in a cycle.
  const users = [...counts.keys()].sort();
  const cursors = await tx
    .insert(eventCursors)
    .values(users.map((userId) => ({ userId, lastSeq: counts.get(userId)! })))
    .onConflictDoUpdate({ target: eventCursors.userId, set: { lastSeq: sql`${eventCursors.lastSeq} + excluded.last_seq` } })
    .returning({ userId: eventCursors.userId, lastSeq: eventCursors.lastSeq });
  const next = new Map(cursors.map((c) => [c.userId, c.lastSeq - counts.get(c.userId)! + 1]));
  const values = pending.map((e) => {
    const seq = next.get(e.userId)!;
    next.set(e.userId, seq + 1);
    return { userId: e.userId, seq, type: e.type, payload: e.stored };
  });
  const rows = await tx.insert(events).values(values).returning();
  const byKey = new Map(rows.map((r) => [`${r.userId}:${r.seq}`, r]));
  return values.map((v) => byKey.get(`${v.userId}:${v.seq}`)!);
}

export async function eventsAfter(db: Db, userId: string, afterSeq: number, limit: number): Promise<EventRow[]> {
  return db.select().from(events)
    .where(and(eq(events.userId, userId), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
}

/** Moves the device read watermark forward (never back); returns the previous and new values. */
export async function advanceAck(db: DbOrTx, userId: string, uptoSeq: number): Promise<{ previous: number; current: number }> {
  const [cursor] = await db.select().from(eventCursors).where(eq(eventCursors.userId, userId)).for('update');
  const last = cursor?.lastSeq ?? 0;
  const previous = cursor?.ackedSeq ?? 0;
  const current = Math.max(previous, Math.min(uptoSeq, last));
  if (cursor && current !== previous) await db.update(eventCursors).set({ ackedSeq: current }).where(eq(eventCursors.userId, userId));
  return { previous, current };
}
