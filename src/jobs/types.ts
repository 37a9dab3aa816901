// The enqueue side of the job system, as services see it. Payloads carry ids, never data.
export interface Jobs {
  enqueueExtraction(noteId: string): Promise<void>;
  /** Queue the delivery of these occurrences (attempt n) at their time. */
  scheduleOccurrence(occurrenceId: string, attempt: number, at: Date): Promise<void>;
  /** Remove the one pending job of each occurrence's delivery chain (attempt = attempts + 1). */
  removeOccurrenceJobs(occurrences: Array<{ id: string; attempts: number }>): Promise<void>;
}
