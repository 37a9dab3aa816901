// The Jobs port (what services see) over bee-queue. Payloads carry ids only.
import { createHash } from 'node:crypto';
import type { Jobs, ReminderAttempt, PushJob } from './types.js';
import { missingJobIds, saveUnique, saveUniqueAll, type Queues } from './queues.js';
import type { Redis } from '../redis.js';

export const extractionJobId = (noteId: string) => `note:${noteId}`;
export const reminderJobId = (reminderId: string, attempt: number) => `reminder:${reminderId}:${attempt}`;
/** One id per (device, doses and their steps, try): a group of doses hashes to a short key. */
export const pushJobId = (job: PushJob) => {
  const doses = job.doses.map((d) => `${d.reminderId}:${d.attempt}`).sort();
  const key = createHash('sha256').update(doses.join(',')).digest('hex').slice(0, 24);
  return `push:${job.subscriptionId}:${key}:${job.tries}`;
};

// A hung push service fails the try instead of holding a worker slot.
const PUSH_TIMEOUT_MS = 30_000;

export function createJobs(queues: Queues, redis: Redis, opts: { extractionTimeoutMs: number }): Jobs {
  const schedule = (list: ReminderAttempt[]) =>
    saveUniqueAll(
      queues.reminders,
      list.map(({ reminderId, attempt, at }) => ({
        id: reminderJobId(reminderId, attempt),
        data: { reminderId, attempt },
        opts: { at, timeoutMs: 30_000, retries: 3 },
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
    scheduleReminders: schedule,
    scheduleMissingReminders: async (list) => {
      // One HMGET instead of one save per row: most of what a periodic pass sees is already queued.
      const missing = await missingJobIds(
        queues.reminders,
        redis,
        list.map((o) => reminderJobId(o.reminderId, o.attempt)),
      );
      const todo = list.filter((o) => missing.has(reminderJobId(o.reminderId, o.attempt)));
      await schedule(todo);
      return todo.length;
    },
    removeReminderJobs: async (reminders) => {
      // A delivery chain has one pending job at a time. The processor re-checks the reminder's
      // status anyway, so a job that slips through does nothing.
      for (let i = 0; i < reminders.length; i += 200) {
        await Promise.all(
          reminders
            .slice(i, i + 200)
            .map((o) => queues.reminders.removeJob(reminderJobId(o.id, o.attempts + 1)).catch(() => {})),
        );
      }
    },
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
