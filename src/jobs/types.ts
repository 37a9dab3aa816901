// The enqueue side of the job system, as services see it. Payloads carry ids, never data.
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
}
