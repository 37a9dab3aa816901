// The explicit registry: which processor serves which queue, and how many at once.
import type { AppContext } from '../context.js';
import type { Extractor } from '../extraction/index.js';
import type { JobData, Queues, QueueName } from './queues.js';
import { extractNote } from './extractNote.js';
import { deliverReminder } from './deliverReminder.js';
import { sendReminderPush, type PushDeps } from './sendPush.js';

export interface WorkerDeps extends PushDeps {
  extractor: Extractor;
}

type Processor<K extends QueueName> = (
  ctx: AppContext,
  queues: Queues,
  deps: WorkerDeps,
  data: JobData[K],
) => Promise<string>;

export const registry: { [K in QueueName]: { concurrency: number; process: Processor<K> } } = {
  extraction: { concurrency: 8, process: (ctx, _q, deps, data) => extractNote(ctx, deps.extractor, data) },
  reminders: { concurrency: 128, process: (ctx, queues, _d, data) => deliverReminder(ctx, queues, data) },
  push: { concurrency: 8, process: (ctx, queues, deps, data) => sendReminderPush(ctx, queues, deps, data) },
};
