// Processor for `reminders` jobs: attempt k of an occurrence's delivery chain. Jobs that fall due
// together are delivered together (one transaction per batch, see reminders/delivery.ts); the
// payload is ids only and every row is re-read under lock before anything fires.
import type { AppContext } from '../context.js';
import { deliverOccurrences, type DeliveryOutcome } from '../reminders/delivery.js';
import { createBatcher } from './batcher.js';
import type { Queues, ReminderJob } from './queues.js';

// Up to the queue's concurrency; bigger batches hold more row locks for longer.
const MAX_BATCH = 128;
const batchers = new WeakMap<AppContext, (job: ReminderJob) => Promise<DeliveryOutcome>>();

export async function deliverReminder(ctx: AppContext, queues: Queues, job: ReminderJob): Promise<string> {
  let deliver = batchers.get(ctx);
  if (!deliver) {
    deliver = createBatcher((jobs: ReminderJob[]) => deliverOccurrences(ctx, queues, jobs), MAX_BATCH);
    batchers.set(ctx, deliver);
  }
  return deliver(job);
}
