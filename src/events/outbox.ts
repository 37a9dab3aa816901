// The outbox: every server→client event is first a row of `events`, numbered per user inside the
// same transaction as the change it reports; it is emitted only after that transaction commits.
import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '../db/client.js';
import { eventCursors, events, type EventRow } from '../db/schema.js';
import { groupBy } from '../groupBy.js';
import type { EventType } from './protocol.js';

export interface PendingEvent {
  userId: string;
  type: EventType;
  patientId: string | null;
  stored: unknown;
}

/**
 * Writes a transaction's events in one statement, however many there are: it moves every
 * recipient's cursor forward by their count (taking the row locks that make seqs distinct and
 * gapless under concurrency, in user-id order so two writers never wait on each other in a cycle)
 * and inserts the rows numbered from there. Called last in the transaction, so the cursor locks —
 * a hot spot for a doctor with many patients — are held only until the commit.
 * Returns the rows in the order the events were emitted.
 */
export async function appendEvents(tx: DbOrTx, pending: PendingEvent[]): Promise<EventRow[]> {
  if (pending.length === 0) return [];
  const input = JSON.stringify(pending.map((e) => ({ u: e.userId, t: e.type, a: e.patientId, p: e.stored })));
  const result = await tx.execute(sql`
    with input as (
      select (e->>'u')::uuid as user_id, e->>'t' as type, (e->>'a')::uuid as patient_id, e->'p' as payload, i
      from jsonb_array_elements(${input}::jsonb) with ordinality as x(e, i)
    ), counts as (
      select user_id, count(*)::int as n from input group by user_id
    ), bumped as (
      insert into ${eventCursors} (user_id, last_seq) select user_id, n from counts order by user_id
      on conflict (user_id) do update set last_seq = ${eventCursors}.last_seq + excluded.last_seq
      returning user_id, last_seq
    )
    insert into ${events} (user_id, seq, type, patient_id, payload)
    select input.user_id, bumped.last_seq - counts.n + row_number() over (partition by input.user_id order by input.i),
      input.type, input.patient_id, input.payload
    from input join bumped using (user_id) join counts using (user_id)
    order by input.i
    returning id, user_id, seq, type, patient_id, payload, created_at`);
  const rows = rowsOf<{
    id: string;
    user_id: string;
    seq: number;
    type: string;
    patient_id: string | null;
    payload: Record<string, unknown>;
    created_at: Date | string;
  }>(result);
  // A user's rows, in seq order, are that user's events in emit order.
  const byUser = groupBy(
    [...rows].sort((x, y) => x.seq - y.seq),
    (r) => r.user_id,
  );
  return pending.map((e) => {
    const r = byUser.get(e.userId)!.shift()!;
    return {
      id: r.id,
      userId: r.user_id,
      seq: r.seq,
      type: r.type,
      patientId: r.patient_id,
      payload: r.payload,
      createdAt: new Date(r.created_at),
    };
  });
}

export async function eventsAfter(db: Db, userId: string, afterSeq: number, limit: number): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.userId, userId), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
}

/** One reader's events about one patient, newest first, strictly before `beforeSeq` if given. */
export async function eventsBefore(
  db: Db,
  userId: string,
  patientId: string,
  beforeSeq: number | null,
  limit: number,
): Promise<EventRow[]> {
  const where = and(eq(events.userId, userId), eq(events.patientId, patientId));
  return db
    .select()
    .from(events)
    .where(beforeSeq === null ? where : and(where, lt(events.seq, beforeSeq)))
    .orderBy(desc(events.seq))
    .limit(limit);
}

/** The user's outbox counter and device read watermark, unlocked (0, 0 before any event). */
export async function readCursor(db: DbOrTx, userId: string): Promise<{ lastSeq: number; ackedSeq: number }> {
  const [cursor] = await db.select().from(eventCursors).where(eq(eventCursors.userId, userId));
  return { lastSeq: cursor?.lastSeq ?? 0, ackedSeq: cursor?.ackedSeq ?? 0 };
}

/**
 * Moves the device read watermark forward to `uptoSeq` (never back). It locks the cursors of the
 * user and of `alsoLock` (the recipients the caller will emit to next) in user-id order, in one
 * statement, as the outbox statement does: every writer takes cursor locks in the same order, last.
 */
export async function advanceAck(tx: DbOrTx, userId: string, uptoSeq: number, alsoLock: string[] = []): Promise<void> {
  const ids = [...new Set([userId, ...alsoLock])];
  await tx
    .select({ userId: eventCursors.userId })
    .from(eventCursors)
    .where(inArray(eventCursors.userId, ids))
    .orderBy(asc(eventCursors.userId))
    .for('update');
  await tx
    .update(eventCursors)
    .set({ ackedSeq: sql`greatest(${eventCursors.ackedSeq}, least(${uptoSeq}, ${eventCursors.lastSeq}))` })
    .where(eq(eventCursors.userId, userId));
}
