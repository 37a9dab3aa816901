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
  let pending: Array<PendingEvent & { texts?: Texts }> = [];
  let effects: Array<() => Promise<unknown>> = [];
  let audits: Array<[string | null, AuditAction, string]> = [];
  let outgoing: Outgoing[] = [];
  const attempt = () => {
    // A retried transaction starts from nothing: what the failed attempt collected was rolled back.
    pending = [];
    effects = [];
    audits = [];
    return ctx.db.transaction(async (tx) => {
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
  };
  const result = await withRetry(attempt, ctx.log);
  // The emit's turn is taken at commit, before the effects' awaits: events leave in commit order.
  const published = ctx.events.publish(outgoing);
  for (const effect of effects) {
    // The row is the truth; a failed enqueue is repaired by the worker's reconciliation pass.
    await effect().catch((err) =>
      ctx.log.error(
        { err: { name: (err as Error).name, message: (err as Error).message } },
        'after-commit effect failed',
      ),
    );
  }
  await published;
  return result;
}

/** PostgreSQL gave up on the transaction, not on the request: deadlock_detected, serialization_failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const sqlState = (err: unknown) =>
  (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock (a lock cycle no writer
 * should build, but one that would otherwise surface as a 500): nothing of it was committed, and
 * its side effects only run after a commit.
 */
async function withRetry<T>(attempt: () => Promise<T>, log: Logger, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      const code = sqlState(err);
      if (!code || !RETRYABLE.has(code) || i >= tries) throw err;
      log.warn({ sqlState: code, attempt: i }, 'transaction aborted by the database; retrying');
    }
  }
}
