// The Jobs port (what services see) over bee-queue. Payloads carry ids only.
import { createHash } from 'node:crypto';
import type { Jobs, PushItem, PushJob } from './types.js';
import { missingJobIds, saveUnique, saveUniqueAll, type Queues } from './queues.js';
import type { Redis } from '../redis.js';

export const extractionJobId = (noteId: string) => `note:${noteId}`;
/** One sweep per instant and lane: every dose due at that instant shares it. */
export const sweepJobId = (at: number, lane: number) => `due:${at}:${lane}`;
/**
 * How many sweeps may share one burst (bee-queue jobs per instant, at most). A batch spends most
 * of its time waiting on round trips: at 5 000 doses, 8 lanes delivered 1.25× what 4 did (1 345
 * against 1 076/s, docs/BENCHMARKS.md); more would wait on the pool (10 connections).
 */
export const SWEEP_LANES = 8;
/** One id per (devices, their doses and steps, try): the group hashes to a short key. */
export const pushJobId = (job: PushJob) => {
  const parts = job.pushes.flatMap((p) => p.doses.map((d) => `${p.subscriptionId}:${d.reminderId}:${d.attempt}`));
  const key = createHash('sha256').update(parts.sort().join(',')).digest('hex').slice(0, 32);
  return `push:${key}:${job.tries}`;
};
/** Pushes per job: a sweep's batch (doses/claim.ts CLAIM_BATCH) is one job. */
export const PUSH_BATCH = 200;

// A job sends up to PUSH_BATCH pushes, 32 at a time, each cut off after 10 s (push/sender.ts):
// at worst 7 rounds. A hung push service fails the try instead of holding a worker slot for good.
const PUSH_TIMEOUT_MS = 90_000;

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
  // A failed extraction is recorded as such (extractNote); a job attempt fails only when the
  // process or PostgreSQL does. Two retries (0.5 s, 1 s) lost a note to a few seconds of database
  // outage: six span about 30 s, and the notes' reconciliation pass (notes/requeueNotes.ts) queues
  // again a note whose job is gone after a longer one.
  const extraction = { timeoutMs: opts.extractionTimeoutMs, retries: 6 };
  return {
    enqueueExtraction: (noteId) => saveUnique(queues.extraction, extractionJobId(noteId), { noteId }, extraction),
    enqueueMissingExtractions: async (noteIds) => {
      const missing = await missingJobIds(queues.extraction, redis, noteIds.map(extractionJobId));
      const todo = noteIds.filter((id) => missing.has(extractionJobId(id)));
      await saveUniqueAll(
        queues.extraction,
        todo.map((noteId) => ({ id: extractionJobId(noteId), data: { noteId }, opts: extraction })),
      );
      return todo.length;
    },
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
    enqueuePushes: (list) => {
      const jobs: PushJob[] = [];
      for (let i = 0; i < list.length; i += PUSH_BATCH) jobs.push({ pushes: list.slice(i, i + PUSH_BATCH), tries: 0 });
      return saveUniqueAll(
        queues.push,
        jobs.map((data) => ({ id: pushJobId(data), data, opts: { timeoutMs: PUSH_TIMEOUT_MS } })),
      );
    },
    retryPush: (push: PushItem, tries, at) => {
      const next = { pushes: [push], tries };
      return saveUnique(queues.push, pushJobId(next), next, { at, timeoutMs: PUSH_TIMEOUT_MS });
    },
  };
}
