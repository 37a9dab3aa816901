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
export interface PushJob {
  subscriptionId: string;
  doses: Array<{ reminderId: string; attempt: number }>;
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
  /** A sweep (lane 0) at each of these instants, in one round trip; an instant already queued is left alone. */
  scheduleSweeps(times: Date[]): Promise<void>;
  /** The same, counting what was missing (the reconciliation pass): one HMGET for all. */
  scheduleMissingSweeps(times: Date[]): Promise<number>;
  /** The other lanes of a burst's instant, now: more workers join it. */
  fanOutSweep(at: number): Promise<void>;
  /** The first try of each (subscription, doses due together) push, now, in one round trip. */
  enqueuePushes(list: Array<Omit<PushJob, 'tries'>>): Promise<void>;
  /** The next try of this push (tries + 1), at `at`: the push service asked us to come back. */
  retryPush(job: PushJob, at: Date): Promise<void>;
}
