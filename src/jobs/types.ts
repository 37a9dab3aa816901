// The job system as the rest of the code sees it: the enqueue side (Jobs) and the payloads the
// processors receive. Payloads carry ids, never data.
export interface ExtractionJob {
  noteId: string;
}
export interface ReminderJob {
  occurrenceId: string;
  attempt: number;
}
export interface PushJob {
  subscriptionId: string;
  occurrenceId: string;
  attempt: number;
  tries: number;
}
export interface JobData {
  extraction: ExtractionJob;
  reminders: ReminderJob;
  push: PushJob;
}
export type QueueName = keyof JobData;

export interface OccurrenceAttempt {
  occurrenceId: string;
  attempt: number;
  at: Date;
}

export interface Jobs {
  enqueueExtraction(noteId: string): Promise<void>;
  /** Queue the delivery of these occurrences (attempt n) at their time, in one round trip. */
  scheduleOccurrences(list: OccurrenceAttempt[]): Promise<void>;
  /** The same, skipping the ones whose job is already queued (the reconciliation pass). */
  scheduleMissingOccurrences(list: OccurrenceAttempt[]): Promise<number>;
  /** Remove the one pending job of each occurrence's delivery chain (attempt = attempts + 1). */
  removeOccurrenceJobs(occurrences: Array<{ id: string; attempts: number }>): Promise<void>;
  /** The first try of each (subscription, occurrence attempt) push, now, in one round trip. */
  enqueuePushes(list: Array<{ subscriptionId: string; occurrenceId: string; attempt: number }>): Promise<void>;
  /** The next try of this push (tries + 1), at `at`: the push service asked us to come back. */
  retryPush(job: PushJob, at: Date): Promise<void>;
}
