// Reads of sealed text outside an HTTP read (live delivery, `sync` replay, push payloads) as audit
// entries: one per reader per batch, naming the seq range shown, never the text or its ids' owner.
import type { Db } from '../db/client.js';
import type { EventRow } from '../db/schema.js';
import { type AuditAction, auditAll } from './log.js';

/** Appends one entry per reader, in one statement; nothing (no round trip) when there are none. */
export async function auditReads(
  db: Db,
  action: Extract<AuditAction, 'events.live' | 'events.replay'>,
  byReader: ReadonlyMap<string, EventRow[]>,
): Promise<void> {
  const entries = [...byReader].filter(([, rows]) => rows.length > 0);
  if (entries.length === 0) return;
  // One statement, outside a transaction: the audit head is locked only while it runs.
  await auditAll(
    db,
    entries.map(([readerId, rows]) => {
      const seqs = rows.map((r) => r.seq);
      return {
        actorId: readerId,
        action,
        subject: `user:${readerId}/events:${Math.min(...seqs)}-${Math.max(...seqs)}`,
      };
    }),
  );
}

/**
 * Push payloads opened for their recipients: the worker decrypts the texts of the doses each
 * notification shows. One entry per push, naming the doses (ids only), all in one statement.
 */
export async function auditPushReads(db: Db, pushes: Array<{ recipientId: string; doseIds: string[] }>): Promise<void> {
  const entries = pushes.filter((p) => p.doseIds.length > 0);
  if (entries.length === 0) return;
  await auditAll(
    db,
    entries.map((p) => ({
      actorId: p.recipientId,
      action: 'push.read' as const,
      subject: `doses:${p.doseIds.join(',')}`,
    })),
  );
}
