// The notes' reconciliation pass (issue 14, docs/FAULTS.md): a note whose extraction job is gone
// from Redis while the note is still pending or processing would wait for good. That happens when
// the job spent its retries in an outage longer than they span (about 30 s of PostgreSQL down), or
// when Redis lost its data. The worker's pass queues such a note's job again; the job claims the
// note only while it is still pending or processing (workers/extractNote.ts), so a note finished
// meanwhile is left alone, and the job id is the note's, so it is never queued twice.
import { and, inArray, lt } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { notes } from '../db/schema.js';

/** Younger notes may be between their commit and their job's enqueue: not stuck, only new. */
export const REQUEUE_AFTER_MS = 10_000;
/** Notes looked at per pass: the oldest first, the rest in the next passes. */
const PASS_LIMIT = 500;

/** Queues the extraction of unfinished notes without a job; returns how many were queued. */
export async function requeueNotes(ctx: Pick<AppContext, 'db' | 'jobs'>, now = new Date()): Promise<number> {
  const rows = await ctx.db
    .select({ id: notes.id })
    .from(notes)
    .where(
      and(
        inArray(notes.status, ['pending', 'processing']),
        lt(notes.createdAt, new Date(now.getTime() - REQUEUE_AFTER_MS)),
      ),
    )
    .orderBy(notes.createdAt)
    .limit(PASS_LIMIT);
  if (rows.length === 0) return 0;
  return ctx.jobs.enqueueMissingExtractions(rows.map((r) => r.id));
}
