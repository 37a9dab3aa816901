// The job system as the rest of the code sees it: the enqueue side (Jobs) and the payloads the
// processors receive. Payloads carry ids, never data.
export interface ExtractionJob {
  noteId: string;
}
/**
 * A sweep of the doses whose next step is due at one instant (`at`, epoch ms): it claims them from
 * PostgreSQL in batches. Lane 0 is queued for every instant a dose needs; a burst fans out to more
 * lanes, so several workers share it (FOR UPDATE SKIP LOCKED keeps them apart).
 */
export interface DoseSweepJob {
  at: number;
  lane: number;
}
/** One notification to one device: the doses that fell due together, each at its delivery step. */
export interface PushItem {
  subscriptionId: string;
  doses: Array<{ reminderId: string; attempt: number }>;
}
/**
 * Notifications sent together: a delivery batch's first tries (one job for the batch, so a burst
 * of 20 000 doses is about 100 jobs, not 20 000), or one device's next try.
 */
export interface PushJob {
  pushes: PushItem[];
  tries: number;
}
export interface JobData {
  extraction: ExtractionJob;
  reminders: DoseSweepJob;
  push: PushJob;
}
export type QueueName = keyof JobData;

export interface Jobs {
  enqueueExtraction(noteId: string): Promise<void>;
  /** The extraction of each of these notes whose job is not in the queue (one HMGET); returns how many. */
  enqueueMissingExtractions(noteIds: string[]): Promise<number>;
  /** A sweep (lane 0) at each of these instants, in one round trip; an instant already queued is left alone. */
  scheduleSweeps(times: Date[]): Promise<void>;
  /** The same, counting what was missing (the reconciliation pass): one HMGET for all. */
  scheduleMissingSweeps(times: Date[]): Promise<number>;
  /** The other lanes of a burst's instant, now: more workers join it. */
  fanOutSweep(at: number): Promise<void>;
  /** The first try of each (subscription, doses due together) push, now: a job per PUSH_BATCH, one round trip. */
  enqueuePushes(list: PushItem[]): Promise<void>;
  /** The next try of one push (`tries`), at `at`: the push service asked us to come back. */
  retryPush(push: PushItem, tries: number, at: Date): Promise<void>;
}
