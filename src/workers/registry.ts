// The explicit registry: which processor serves which queue, and how many at once.
import type { AppContext } from '../context.js';
import type { Extractor } from '../extraction/index.js';
import type { JobData, PushJob, QueueName } from '../jobs/types.js';
import { sweepDue } from '../doses/claim.js';
import { extractNote } from './extractNote.js';
import { sendReminderPushes, type PushDeps } from './sendPush.js';

/** What the composition root hands the workers. */
export interface WorkerDeps extends PushDeps {
  extractor: Extractor;
}

type Processor<K extends QueueName> = (ctx: AppContext, deps: WorkerDeps, data: JobData[K]) => Promise<string>;

// A sweep payload queued by an earlier version (one job per dose) is dropped: the reconciliation
// pass queues the sweep of that dose's instant instead.
const namesInstant = (data: { at?: unknown; lane?: unknown }) =>
  Number.isSafeInteger(data.at) && Number.isInteger(data.lane);
/** A push payload of this version, or of the last (one device per job), as this version's. */
function asPushJob(data: Partial<PushJob> & { subscriptionId?: unknown; doses?: unknown }): PushJob | null {
  const tries = Number.isInteger(data.tries) ? data.tries! : 0;
  if (Array.isArray(data.pushes)) return { pushes: data.pushes, tries };
  if (typeof data.subscriptionId === 'string' && Array.isArray(data.doses))
    return { pushes: [{ subscriptionId: data.subscriptionId, doses: data.doses }], tries };
  return null;
}

export const registry: { [K in QueueName]: { concurrency: number; process: Processor<K> } } = {
  extraction: { concurrency: 8, process: (ctx, deps, data) => extractNote(ctx, deps.extractor, data) },
  // Sweeps of different instants run side by side; each holds one pooled connection at a time.
  reminders: {
    concurrency: 8,
    process: async (ctx, _deps, data) => (namesInstant(data) ? sweepDue(ctx, data) : 'stale'),
  },
  push: {
    // A job is a batch, sending up to 32 at once itself: a few jobs at a time keep the sockets busy.
    concurrency: 4,
    process: async (ctx, deps, data) => {
      const job = asPushJob(data);
      return job ? sendReminderPushes(ctx, deps, job) : 'stale';
    },
  },
};
