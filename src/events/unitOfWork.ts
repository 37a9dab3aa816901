// Side effects after commit: a unit of work writes rows and their outbox events in one
// transaction; only when it has committed are the events emitted and the jobs enqueued.
import { type AuditAction, audit } from '../audit/log.js';
import type { Db, Tx } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Texts } from '../sealed/texts.js';
import { appendEvents, type PendingEvent } from './outbox.js';
import type { EventType } from './protocol.js';
import type { EventPublisher, Outgoing } from './publisher.js';
import type { StoredData } from './render/index.js';

export interface EventAbout {
  /** The patient whose care this is about (their timeline shows it), or null. */
  patientId: string | null;
  /**
   * The texts the writer already holds, when every recipient may read them all: the live event
   * is rendered from them instead of opening the sealed rows again. `sync` always opens the rows.
   */
  texts?: Texts;
}

/** What a unit of work needs of the process (the AppContext has it; events do not depend on it). */
export interface UnitOfWorkDeps {
  db: Db;
  events: EventPublisher;
  log: Logger;
}

export interface UnitOfWork {
  tx: Tx;
  /** Records an event for each recipient: its stub (ids, no text) is what the row keeps. */
  emit<K extends EventType>(to: string | string[], type: K, stub: StoredData[K], about: EventAbout): void;
  afterCommit(effect: () => Promise<unknown>): void;
  /** Appends an audit entry in this transaction, just before the commit (the chain head is a lock). */
  audit(actorId: string | null, action: AuditAction, subject: string): void;
}

export async function inTransaction<T>(ctx: UnitOfWorkDeps, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const pending: Array<PendingEvent & { texts?: Texts }> = [];
  const effects: Array<() => Promise<unknown>> = [];
  const audits: Array<[string | null, AuditAction, string]> = [];
  let outgoing: Outgoing[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    const value = await work({
      tx,
      emit: (to, type, stub, about) => {
        for (const userId of Array.isArray(to) ? to : [to]) {
          pending.push({ userId, type, patientId: about.patientId, stored: stub, texts: about.texts });
        }
      },
      afterCommit: (effect) => {
        effects.push(effect);
      },
      audit: (actorId, action, subject) => {
        audits.push([actorId, action, subject]);
      },
    });
    // Events first (their cursor locks), then the audit head: every writer takes them in this order.
    const rows = await appendEvents(tx, pending);
    for (const [actorId, action, subject] of audits) await audit(tx, actorId, action, subject);
    outgoing = rows.map((row, i) => ({ row, texts: pending[i]!.texts }));
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
