// The Jobs port (what services see) over bee-queue. Payloads carry ids only.
import type { Jobs } from './types.js';
import { saveUnique, type Queues } from './queues.js';

export const extractionJobId = (noteId: string) => `note:${noteId}`;
export const reminderJobId = (occurrenceId: string, attempt: number) => `occ:${occurrenceId}:${attempt}`;

export function createJobs(queues: Queues, opts: { extractionTimeoutMs: number }): Jobs {
  return {
    enqueueExtraction: (noteId) =>
      saveUnique(queues.extraction, extractionJobId(noteId), { noteId }, { timeoutMs: opts.extractionTimeoutMs, retries: 2 }),
    scheduleOccurrence: (occurrenceId, attempt, at) =>
      saveUnique(queues.reminders, reminderJobId(occurrenceId, attempt), { occurrenceId, attempt }, { at, timeoutMs: 30_000, retries: 3 }),
    removeOccurrenceJobs: async (occurrences) => {
      // A delivery chain has one pending job at a time. The processor re-checks the occurrence's
      // status anyway, so a job that slips through does nothing.
      for (let i = 0; i < occurrences.length; i += 200) {
        await Promise.all(occurrences.slice(i, i + 200).map((o) =>
          queues.reminders.removeJob(reminderJobId(o.id, o.attempts + 1)).catch(() => {})));
      }
    },
  };
}
