// bee-queue queues on Redis. The API process only produces; worker processes consume, activate
// delayed jobs and check for stalled ones (bee-queue does neither by itself).
import BeeQueue from 'bee-queue';
import type { Config } from '../config.js';
import type { JobData, QueueName } from './types.js';

export const QUEUE_NAMES = ['extraction', 'reminders', 'push'] as const satisfies readonly QueueName[];

export type Queues = { [K in QueueName]: BeeQueue<JobData[K]> };

export function createQueues(config: Config, worker: boolean): Queues {
  const make = <K extends QueueName>(name: K) =>
    new BeeQueue<JobData[K]>(name, {
      prefix: `${config.redisPrefix}:bq`,
      redis: { url: config.redisUrl } as never,
      isWorker: worker,
      getEvents: false,
      sendEvents: false,
      activateDelayedJobs: worker,
      // Reminders are due to the second: wake the delayed-job timer promptly.
      nearTermWindow: 60_000,
      delayedDebounce: 25,
      stallInterval: 10_000,
      removeOnSuccess: true,
      removeOnFailure: true,
    });
  return { extraction: make('extraction'), reminders: make('reminders'), push: make('push') };
}

export async function closeQueues(queues: Queues, timeoutMs = 10_000): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close(timeoutMs).catch(() => {})));
}

export interface JobOptions {
  at?: Date;
  timeoutMs?: number;
  retries?: number;
}

function buildJob<T>(queue: BeeQueue<T>, id: string, data: T, opts: JobOptions) {
  const job = queue.createJob(data).setId(id);
  if (opts.at && opts.at.getTime() > Date.now()) job.delayUntil(opts.at);
  if (opts.timeoutMs) job.timeout(opts.timeoutMs);
  if (opts.retries) job.retries(opts.retries).backoff('exponential', 500);
  return job;
}

/** Saves a job under a derived id; an id that is already queued is left alone (no duplicates). */
export async function saveUnique<T>(queue: BeeQueue<T>, id: string, data: T, opts: JobOptions = {}): Promise<void> {
  await buildJob(queue, id, data, opts).save();
}

/** saveUnique for many jobs in one Redis round trip (bee-queue's saveAll pipelines them). */
export async function saveUniqueAll<T>(
  queue: BeeQueue<T>,
  jobs: Array<{ id: string; data: T; opts: JobOptions }>,
): Promise<void> {
  if (jobs.length === 0) return;
  const errors = await queue.saveAll(jobs.map((j) => buildJob(queue, j.id, j.data, j.opts)));
  const first = errors.values().next();
  if (!first.done) throw first.value;
}

/** Which of these job ids are not in the queue (neither waiting, delayed nor active). */
export async function missingJobIds<T>(
  queue: BeeQueue<T>,
  redis: { hmget(key: string, ...ids: string[]): Promise<Array<string | null>> },
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  // bee-queue keeps every queued job in one hash; its key is not in the typings.
  const jobsKey = (queue as unknown as { toKey(name: string): string }).toKey('jobs');
  const found = await redis.hmget(jobsKey, ...ids);
  return new Set(ids.filter((_, i) => found[i] === null));
}
