// Side effects after commit: a unit of work writes rows and their outbox events in one
// transaction; only when it has committed are the events emitted and the jobs enqueued.
import type { Tx } from '../db/client.js';
import type { EventRow } from '../db/schema.js';
import type { AppContext } from '../context.js';
import type { EventType } from '../realtime/protocol.js';
import { appendEvent } from './outbox.js';

export interface UnitOfWork {
  tx: Tx;
  emit(userId: string, type: EventType, stored: Record<string, unknown>): Promise<EventRow>;
  afterCommit(effect: () => Promise<unknown>): void;
}

export async function inTransaction<T>(ctx: Pick<AppContext, 'db' | 'events' | 'log'>, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const rows: EventRow[] = [];
  const effects: Array<() => Promise<unknown>> = [];
  const result = await ctx.db.transaction(async (tx) =>
    work({
      tx,
      emit: async (userId, type, stored) => {
        const row = await appendEvent(tx, userId, type, stored);
        rows.push(row);
        return row;
      },
      afterCommit: (effect) => { effects.push(effect); },
    }),
  );
  for (const effect of effects) {
    // The row is the truth; a failed enqueue is repaired by the worker's reconciliation pass.
    await effect().catch((err) => ctx.log.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'after-commit effect failed'));
  }
  await ctx.events.publish(rows);
  return result;
}
