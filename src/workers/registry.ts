// The explicit registry: which processor serves which queue, and how many at once.
import type { AppContext } from '../context.js';
import type { Extractor } from '../extraction/index.js';
import type { JobData, QueueName } from '../jobs/types.js';
import { sweepDue } from '../doses/claim.js';
import { extractNote } from './extractNote.js';
import { sendReminderPush, type PushDeps } from './sendPush.js';

/** What the composition root hands the workers. */
export interface WorkerDeps extends PushDeps {
  extractor: Extractor;
}

type Processor<K extends QueueName> = (ctx: AppContext, deps: WorkerDeps, data: JobData[K]) => Promise<string>;

// A payload queued by an earlier version (one job per dose, or a push with no list of doses) is
// dropped: the reconciliation pass queues the sweep of that dose's instant instead.
const namesInstant = (data: { at?: unknown; lane?: unknown }) =>
  Number.isSafeInteger(data.at) && Number.isInteger(data.lane);
const namesDoses = (data: { doses?: unknown }) => Array.isArray(data.doses);

export const registry: { [K in QueueName]: { concurrency: number; process: Processor<K> } } = {
  extraction: { concurrency: 8, process: (ctx, deps, data) => extractNote(ctx, deps.extractor, data) },
  // Sweeps of different instants run side by side; each holds one pooled connection at a time.
  reminders: {
    concurrency: 8,
    process: async (ctx, _deps, data) => (namesInstant(data) ? sweepDue(ctx, data) : 'stale'),
  },
  push: {
    concurrency: 8,
    process: async (ctx, deps, data) => (namesDoses(data) ? sendReminderPush(ctx, deps, data) : 'stale'),
  },
};
