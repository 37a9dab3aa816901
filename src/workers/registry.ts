// The explicit registry: which processor serves which queue, and how many at once.
import type { AppContext } from '../context.js';
import type { Extractor } from '../extraction/index.js';
import type { JobData, QueueName } from '../jobs/types.js';
import type { DeliverReminder } from './deliverReminder.js';
import { extractNote } from './extractNote.js';
import { sendReminderPush, type PushDeps } from './sendPush.js';

/** What the composition root hands the workers. */
export interface WorkerDeps extends PushDeps {
  extractor: Extractor;
}

/** WorkerDeps plus what startWorkers builds once per process. */
export interface ProcessorDeps extends WorkerDeps {
  deliverReminder: DeliverReminder;
}

type Processor<K extends QueueName> = (ctx: AppContext, deps: ProcessorDeps, data: JobData[K]) => Promise<string>;

// A payload queued by an earlier version names no reminder (or, for a push, no list of doses): it
// is dropped, and the reconciliation pass queues that dose's job under its new id.
const namesReminder = (data: { reminderId?: unknown }) => typeof data.reminderId === 'string';
const namesDoses = (data: { doses?: unknown }) => Array.isArray(data.doses);

export const registry: { [K in QueueName]: { concurrency: number; process: Processor<K> } } = {
  extraction: { concurrency: 8, process: (ctx, deps, data) => extractNote(ctx, deps.extractor, data) },
  reminders: {
    concurrency: 128,
    process: async (_ctx, deps, data) => (namesReminder(data) ? deps.deliverReminder(data) : 'stale'),
  },
  push: {
    concurrency: 8,
    process: async (ctx, deps, data) => (namesDoses(data) ? sendReminderPush(ctx, deps, data) : 'stale'),
  },
};
