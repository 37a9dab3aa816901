// The job system as the rest of the code sees it: the enqueue side (Jobs) and the payloads the
// processors receive. Payloads carry ids, never data.
export interface ExtractionJob {
  noteId: string;
}
export interface ReminderJob {
  reminderId: string;
  attempt: number;
}
/** One notification to one device: the doses that fell due together, each at its delivery step. */
export interface PushJob {
  subscriptionId: string;
  doses: Array<{ reminderId: string; attempt: number }>;
  tries: number;
}
export interface JobData {
  extraction: ExtractionJob;
  reminders: ReminderJob;
  push: PushJob;
}
export type QueueName = keyof JobData;

export interface ReminderAttempt {
  reminderId: string;
  attempt: number;
  at: Date;
}

export interface Jobs {
  enqueueExtraction(noteId: string): Promise<void>;
  /** Queue the delivery of these reminders (attempt n) at their time, in one round trip. */
  scheduleReminders(list: ReminderAttempt[]): Promise<void>;
  /** The same, skipping the ones whose job is already queued (the reconciliation pass). */
  scheduleMissingReminders(list: ReminderAttempt[]): Promise<number>;
  /** Remove the one pending job of each reminder's delivery chain (attempt = attempts + 1). */
  removeReminderJobs(reminders: Array<{ id: string; attempts: number }>): Promise<void>;
  /** The first try of each (subscription, doses due together) push, now, in one round trip. */
  enqueuePushes(list: Array<Omit<PushJob, 'tries'>>): Promise<void>;
  /** The next try of this push (tries + 1), at `at`: the push service asked us to come back. */
  retryPush(job: PushJob, at: Date): Promise<void>;
}
