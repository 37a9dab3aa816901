// Processor for `reminders` jobs: attempt k of a reminder's delivery chain. Jobs that fall due
// together are delivered together (one transaction per batch, see reminders/delivery.ts); the
// payload is ids only and every row is re-read under lock before anything fires.
import type { AppContext } from '../context.js';
import type { ReminderJob } from '../jobs/types.js';
import { deliverReminders, type DeliveryOutcome } from '../doses/delivery.js';
import { createBatcher } from './batcher.js';

// Up to the queue's concurrency; bigger batches hold more row locks for longer.
const MAX_BATCH = 128;
// Doses due at one instant reach the worker a few ms apart; they wait this long for each other.
const GATHER_MS = 10;

export type DeliverReminder = (job: ReminderJob) => Promise<DeliveryOutcome>;

/** Built once per worker (startWorkers), so every reminder job of the process joins the same batches. */
export function createReminderDelivery(ctx: AppContext): DeliverReminder {
  return createBatcher((jobs: ReminderJob[]) => deliverReminders(ctx, jobs), MAX_BATCH, GATHER_MS);
}
