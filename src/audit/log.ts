// Append-only audit trail, chained by hash: each row's hash covers the previous row's hash, so an
// edited or deleted row breaks the chain at that point, and `audit_head` (the newest hash) shows
// when the newest rows were deleted. (Someone who can rewrite both the rows and the head is only
// caught against an anchor kept elsewhere, e.g. the last hash shipped to a log store.)
import { createHash } from 'node:crypto';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '../db/client.js';
import { auditHead, auditLog } from '../db/schema.js';

export type AuditAction =
  | 'note.write'
  | 'note.read'
  | 'note.decrypt_for_extraction'
  /** The extraction worker reads the patient's running plan against a new note (steps/checkCurrentPlan.ts). */
  | 'plan.read_for_extraction'
  /** The same worker reads the patient's other notes for the allergies they record (steps/checkRecordedAllergies.ts). */
  | 'notes.read_for_extraction'
  | 'steps.read'
  | 'steps.correct'
  | 'steps.confirm'
  | 'plan.cancel'
  | 'timeline.read'
  | 'reminders.read'
  | 'session.login'
  | 'session.logout'
  | 'assignment.change'
  | 'access.denied'
  | 'invite.create'
  | 'admin.promote'
  | 'invite.redeem'
  /** Texts opened for a reader: live delivery, sync replay, a push payload (one entry per batch). */
  | 'events.live'
  | 'events.replay'
  | 'push.read'
  /** A Take or Snooze from a notification, authorized by its push action token. */
  | 'push.action'
  | 'doses.read'
  | 'adherence.read'
  | 'alert.ack'
  | 'fhir.read'
  | 'message.write'
  | 'messages.read'
  | 'message.receipt';

const GENESIS = '0'.repeat(64);

function hashRow(prevHash: string, actorId: string | null, action: string, subject: string, at: Date): string {
  return createHash('sha256')
    .update([prevHash, actorId ?? '-', action, subject, at.toISOString()].join('|'))
    .digest('hex');
}

/**
 * The two CTEs (`audit_moved`, `audit_appended`) that append one entry, for a statement that
 * audits its own change (so the entry needs no extra round trip). Moving `audit_head` forward
 * takes its row lock (so two transactions never chain onto the same previous entry; a waiting one
 * re-reads the committed head) and computes the same hash as hashRow(), which verifyAuditLog()
 * recomputes. The head row stays locked until the transaction ends: use it as late as possible.
 * `onlyIf` (SQL) gates the entry, e.g. on whether the audited change matched a row.
 */
export function auditCtes(actorId: string | null, action: AuditAction, subject: string, onlyIf: SQL = sql`true`): SQL {
  // Millisecond precision, as the column stores it, so verify() recomputes the same hash.
  const at = new Date(Math.floor(Date.now())).toISOString();
  const tail = ['', actorId ?? '-', action, subject, at].join('|');
  return sql`audit_moved as (
      update audit_head set prev_hash = hash, hash = encode(sha256(convert_to(hash || ${tail}::text, 'UTF8')), 'hex')
      where id = 1 and ${onlyIf} returning prev_hash, hash
    ), audit_appended as (
      insert into ${auditLog} (actor_id, action, subject, at, prev_hash, hash)
      select ${actorId}::uuid, ${action}::text, ${subject}::text, ${at}::timestamptz, prev_hash, hash from audit_moved
      returning id
    )`;
}

/**
 * Appends many entries in one statement (a batch of live deliveries audits one read per reader):
 * it locks the head, computes the chain exactly as auditCtes does (a recursive CTE from the head's
 * hash), inserts the rows in chain order and moves the head to the last. Outside a transaction the
 * head's lock lasts that one statement, so the batches of several workers do not queue behind
 * each other's round trips; inside one it lasts until the commit.
 */
export async function auditAll(
  db: DbOrTx,
  entries: Array<{ actorId: string | null; action: AuditAction; subject: string }>,
): Promise<void> {
  if (entries.length === 0) return;
  // Millisecond precision, as the column stores it, so verify() recomputes the same hash.
  const at = new Date(Math.floor(Date.now())).toISOString();
  const input = JSON.stringify(
    entries.map((e) => ({
      a: e.actorId,
      c: e.action,
      s: e.subject,
      t: ['', e.actorId ?? '-', e.action, e.subject, at].join('|'),
    })),
  );
  const result = await db.execute(sql`
    with recursive input as (
      select (e->>'a')::uuid as actor_id, e->>'c' as action, e->>'s' as subject, e->>'t' as tail, i
      from jsonb_array_elements(${input}::jsonb) with ordinality as x(e, i)
    ), head as (
      select hash from ${auditHead} where id = 1 for update
    ), chain as (
      select input.i, input.actor_id, input.action, input.subject, head.hash as prev_hash,
        encode(sha256(convert_to(head.hash || input.tail, 'UTF8')), 'hex') as hash
      from input, head where input.i = 1
      union all
      select n.i, n.actor_id, n.action, n.subject, c.hash,
        encode(sha256(convert_to(c.hash || n.tail, 'UTF8')), 'hex')
      from chain c join input n on n.i = c.i + 1
    ), appended as (
      insert into ${auditLog} (actor_id, action, subject, at, prev_hash, hash)
      select actor_id, action, subject, ${at}::timestamptz, prev_hash, hash from chain order by i
      returning id
    ), last as (
      select prev_hash, hash from chain order by i desc limit 1
    ), moved as (
      update ${auditHead} set prev_hash = last.prev_hash, hash = last.hash from last where id = 1 returning id
    )
    select (select count(*) from appended)::int as appended, (select count(*) from moved)::int as moved`);
  const [counts] = rowsOf<{ appended: number; moved: number }>(result);
  // No head row (it is made by the migration) would otherwise lose the entries silently.
  if (counts?.appended !== entries.length || counts.moved !== 1) throw new Error('audit head missing');
}

export async function audit(tx: DbOrTx, actorId: string | null, action: AuditAction, subject: string): Promise<void> {
  const result = await tx.execute(sql`with ${auditCtes(actorId, action, subject)} select id from audit_appended`);
  // No head row (it is made by the migration) would otherwise lose the entry silently.
  if (rowsOf(result).length !== 1) throw new Error('audit head missing');
}

export async function auditOnce(db: Db, actorId: string | null, action: AuditAction, subject: string): Promise<void> {
  await db.transaction((tx) => audit(tx, actorId, action, subject));
}

export interface AuditVerdict {
  ok: boolean;
  rows: number;
  brokenAtId?: number;
  reason?: string;
}

export async function verifyAuditLog(db: Db): Promise<AuditVerdict> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
  let prev = GENESIS;
  for (const row of rows) {
    if (row.prevHash !== prev)
      return { ok: false, rows: rows.length, brokenAtId: row.id, reason: 'chain broken (a row was deleted or edited)' };
    if (hashRow(row.prevHash, row.actorId, row.action, row.subject, row.at) !== row.hash) {
      return { ok: false, rows: rows.length, brokenAtId: row.id, reason: 'row content does not match its hash' };
    }
    prev = row.hash;
  }
  // The head is an anchor inside the database: deleting the newest entries leaves it ahead.
  const [head] = await db.select({ hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1));
  // Without the head no entry can be appended (the statements append through it): say so.
  if (!head) return { ok: false, rows: rows.length, reason: 'audit head missing' };
  if (head.hash !== prev)
    return { ok: false, rows: rows.length, reason: 'newest entries missing (the chain ends before the head)' };
  return { ok: true, rows: rows.length };
}
