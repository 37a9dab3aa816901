// Append-only audit trail, chained by hash: each row's hash covers the previous row's hash, so an
// edited or deleted row breaks the chain at that point. (Deleting the newest rows is only
// detectable against an anchor kept elsewhere, e.g. the last hash shipped to a log store.)
import { createHash } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema.js';

export type AuditAction =
  | 'note.write' | 'note.read' | 'note.decrypt_for_extraction' | 'steps.read' | 'steps.correct'
  | 'plan.cancel' | 'reminders.read';

const GENESIS = '0'.repeat(64);
// Serialises appenders so that two transactions never chain onto the same previous row.
const AUDIT_LOCK = 727_002;

function hashRow(prevHash: string, actorId: string | null, action: string, subject: string, at: Date): string {
  return createHash('sha256').update([prevHash, actorId ?? '-', action, subject, at.toISOString()].join('|')).digest('hex');
}

/** Call inside the transaction of the change it records, as late as possible (it takes a lock). */
export async function audit(tx: DbOrTx, actorId: string | null, action: AuditAction, subject: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS;
  // Millisecond precision, as the column stores it, so verify() recomputes the same hash.
  const at = new Date(Math.floor(Date.now()));
  await tx.insert(auditLog).values({ actorId, action, subject, at, prevHash, hash: hashRow(prevHash, actorId, action, subject, at) });
}

export async function auditOnce(db: Db, actorId: string | null, action: AuditAction, subject: string): Promise<void> {
  await db.transaction((tx) => audit(tx, actorId, action, subject));
}

export interface AuditVerdict { ok: boolean; rows: number; brokenAtId?: number; reason?: string }

export async function verifyAuditLog(db: Db): Promise<AuditVerdict> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
  let prev = GENESIS;
  for (const row of rows) {
    if (row.prevHash !== prev) return { ok: false, rows: rows.length, brokenAtId: row.id, reason: 'chain broken (a row was deleted or edited)' };
    if (hashRow(row.prevHash, row.actorId, row.action, row.subject, row.at) !== row.hash) {
      return { ok: false, rows: rows.length, brokenAtId: row.id, reason: 'row content does not match its hash' };
    }
    prev = row.hash;
  }
  return { ok: true, rows: rows.length };
}
