// The Jobs port (what services see) over bee-queue. Payloads carry ids only.
import { createHash } from 'node:crypto';
import type { Jobs, PushJob } from './types.js';
import { missingJobIds, saveUnique, saveUniqueAll, type Queues } from './queues.js';
import type { Redis } from '../redis.js';

export const extractionJobId = (noteId: string) => `note:${noteId}`;
/** One sweep per instant and lane: every dose due at that instant shares it. */
export const sweepJobId = (at: number, lane: number) => `due:${at}:${lane}`;
/** How many sweeps may share one burst (bee-queue jobs per instant, at most). */
export const SWEEP_LANES = 4;
/** One id per (device, doses and their steps, try): a group of doses hashes to a short key. */
export const pushJobId = (job: PushJob) => {
  const doses = job.doses.map((d) => `${d.reminderId}:${d.attempt}`).sort();
  const key = createHash('sha256').update(doses.join(',')).digest('hex').slice(0, 24);
  return `push:${job.subscriptionId}:${key}:${job.tries}`;
};

// A hung push service fails the try instead of holding a worker slot.
const PUSH_TIMEOUT_MS = 30_000;

export function createJobs(queues: Queues, redis: Redis, opts: { extractionTimeoutMs: number }): Jobs {
  // Sweeps whose instant has passed are due now: run as one, not one per past instant.
  const instants = (times: Date[]) => {
    const now = Date.now();
    return [...new Set(times.map((t) => Math.max(t.getTime(), now)))];
  };
  const sweeps = (list: Array<{ at: number; lane: number }>) =>
    saveUniqueAll(
      queues.reminders,
      list.map(({ at, lane }) => ({
        id: sweepJobId(at, lane),
        data: { at, lane },
        // A burst's sweep works through thousands of doses: longer than one delivery, retried if it dies.
        opts: { at: new Date(at), timeoutMs: 120_000, retries: 3 },
      })),
    );
  return {
    enqueueExtraction: (noteId) =>
      saveUnique(
        queues.extraction,
        extractionJobId(noteId),
        { noteId },
        // A failed extraction is recorded as such (extractNote); a job attempt fails only when the
        // process or PostgreSQL does. Two retries (0.5 s, 1 s) lost a note to a few seconds of
        // database outage, stuck in `processing` for good: six span about 30 s.
        { timeoutMs: opts.extractionTimeoutMs, retries: 6 },
      ),
    scheduleSweeps: (times) => sweeps(instants(times).map((at) => ({ at, lane: 0 }))),
    scheduleMissingSweeps: async (times) => {
      const all = instants(times);
      const missing = await missingJobIds(
        queues.reminders,
        redis,
        all.map((at) => sweepJobId(at, 0)),
      );
      const todo = all.filter((at) => missing.has(sweepJobId(at, 0)));
      await sweeps(todo.map((at) => ({ at, lane: 0 })));
      return todo.length;
    },
    fanOutSweep: (at) => sweeps(Array.from({ length: SWEEP_LANES - 1 }, (_, i) => ({ at, lane: i + 1 }))),
    enqueuePushes: (list) =>
      saveUniqueAll(
        queues.push,
        list.map(({ subscriptionId, doses }) => {
          const data = { subscriptionId, doses, tries: 0 };
          return { id: pushJobId(data), data, opts: { timeoutMs: PUSH_TIMEOUT_MS } };
        }),
      ),
    retryPush: (job, at) => {
      const next = { ...job, tries: job.tries + 1 };
      return saveUnique(queues.push, pushJobId(next), next, { at, timeoutMs: PUSH_TIMEOUT_MS });
    },
  };
}
