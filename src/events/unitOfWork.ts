// Side effects after commit: a unit of work writes rows and their outbox events in one
// transaction; only when it has committed are the events emitted and the jobs enqueued.
import type { Tx } from '../db/client.js';
import type { AppContext } from '../context.js';
import type { EventType } from '../realtime/protocol.js';
import { appendEvents, type PendingEvent } from './outbox.js';
import type { Outgoing } from './publisher.js';
import { audit, auditCtes, type AuditAction } from '../audit/log.js';

export interface UnitOfWork {
  tx: Tx;
  /**
   * Records an event for one user. `stored` is what the row keeps (ids, no text). `live`, when the
   * caller already holds this recipient's plaintext, is the hydrated form to emit now, so live
   * delivery need not read and decrypt again; `sync` always hydrates from the rows.
   */
  emit(userId: string, type: EventType, stored: Record<string, unknown>, live?: Record<string, unknown>): Promise<void>;
  afterCommit(effect: () => Promise<unknown>): void;
  /** Appends an audit entry in this transaction, just before the commit (the chain head is a lock). */
  audit(actorId: string | null, action: AuditAction, subject: string): void;
}

export async function inTransaction<T>(
  ctx: Pick<AppContext, 'db' | 'events' | 'log'>,
  work: (uow: UnitOfWork) => Promise<T>,
): Promise<T> {
  const pending: Array<PendingEvent & { live?: Record<string, unknown> }> = [];
  const effects: Array<() => Promise<unknown>> = [];
  const audits: Array<[string | null, AuditAction, string]> = [];
  let outgoing: Outgoing[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    const value = await work({
      tx,
      emit: async (userId, type, stored, live) => {
        pending.push({ userId, type, stored, live });
      },
      afterCommit: (effect) => {
        effects.push(effect);
      },
      audit: (actorId, action, subject) => {
        audits.push([actorId, action, subject]);
      },
    });
    // The first audit entry rides in the events' statement (one round trip less with the locks held).
    const merged = pending.length > 0 ? audits.shift() : undefined;
    const rows = await appendEvents(
      tx,
      pending,
      merged && ((after) => auditCtes(merged[0], merged[1], merged[2], after)),
    );
    for (const [actorId, action, subject] of audits) await audit(tx, actorId, action, subject);
    outgoing = rows.map((row, i) => ({ row, live: pending[i]!.live }));
    return value;
  });
  for (const effect of effects) {
    // The row is the truth; a failed enqueue is repaired by the worker's reconciliation pass.
    await effect().catch((err) =>
      ctx.log.error(
        { err: { name: (err as Error).name, message: (err as Error).message } },
        'after-commit effect failed',
      ),
    );
  }
  await ctx.events.publish(outgoing);
  return result;
}
