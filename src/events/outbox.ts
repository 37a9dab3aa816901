// The outbox: every server→client event is first a row of `events`, numbered per user inside the
// same transaction as the change it reports; it is emitted only after that transaction commits.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { eventCursors, events, type EventRow } from '../db/schema.js';
import type { EventType } from '../realtime/protocol.js';

export async function appendEvent(tx: DbOrTx, userId: string, type: EventType, stored: Record<string, unknown>): Promise<EventRow> {
  // The upsert takes a row lock on the user's cursor, so concurrent writers get distinct, gapless seqs.
  const [cursor] = await tx
    .insert(eventCursors)
    .values({ userId, lastSeq: 1 })
    .onConflictDoUpdate({ target: eventCursors.userId, set: { lastSeq: sql`${eventCursors.lastSeq} + 1` } })
    .returning({ lastSeq: eventCursors.lastSeq });
  const [row] = await tx.insert(events).values({ userId, seq: cursor!.lastSeq, type, payload: stored }).returning();
  return row!;
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
