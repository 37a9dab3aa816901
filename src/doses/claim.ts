// The sweep of one instant (DESIGN §8, issue 14): the doses whose next step is due are claimed
// from PostgreSQL in batches, `FOR UPDATE SKIP LOCKED`, so the sweeps of several workers share a
// burst without overlap, and each batch is delivered in one transaction (doses/delivery.ts). The
// queue carries a few sweeps per instant, not a job per dose; the rows are the truth.
import { and, asc, eq, exists, inArray, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { notes, planItems, reminders, users } from '../db/schema.js';
import { inTransaction, type UnitOfWork } from '../events/unitOfWork.js';
import type { DoseSweepJob } from '../jobs/types.js';
import { deliverClaimed, type Loaded } from './delivery.js';

/** Doses per transaction: bigger batches hold more row locks for longer. */
export const CLAIM_BATCH = 200;
/** A sweep hands over to a fresh one after this long, inside its job's timeout. */
const SWEEP_BUDGET_MS = 60_000;
/** bee-queue may hand a delayed job over a few ms early: the sweep waits for its instant. */
const EARLY_WAIT_MAX_MS = 1_000;

/** Up to `limit` doses due by `now`, locked with their plan items; rows another sweep holds are skipped. */
export async function claimDue(uow: UnitOfWork, now: Date, limit: number): Promise<Loaded[]> {
  // The doses first, alone, in the order of their index (reminders_next_step_idx), so PostgreSQL
  // walks the index and stops at `limit` unlocked rows. Joined in the same query, it read, joined
  // and sorted every due dose of a burst (20 000) for each batch of 200.
  const picked = uow.tx
    .select({ id: reminders.id })
    .from(reminders)
    .where(
      and(
        inArray(reminders.status, ['scheduled', 'due']),
        lte(reminders.nextAttemptAt, now),
        // A dose of a stopped plan is cancelled with it; one left over must not fill every batch.
        exists(
          uow.tx
            .select({ one: sql`1` })
            .from(planItems)
            .where(and(eq(planItems.id, reminders.planItemId), eq(planItems.status, 'active'))),
        ),
      ),
    )
    // A patient's doses due together sit side by side, so they tend to share a batch (one push).
    .orderBy(asc(reminders.nextAttemptAt), asc(reminders.patientId), asc(reminders.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return (
    uow.tx
      .select({ occ: reminders, item: planItems, wrappedKeys: notes.wrappedKeys, patientKey: users.wrappedPrivateKey })
      .from(reminders)
      .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
      .innerJoin(notes, eq(notes.id, planItems.noteId))
      .innerJoin(users, eq(users.id, planItems.patientId))
      .where(and(inArray(reminders.id, picked), eq(planItems.status, 'active')))
      .orderBy(asc(reminders.nextAttemptAt), asc(reminders.patientId), asc(reminders.id))
      // The doses are this transaction's already; their plan items are locked too (a stop waits).
      .for('update', { of: [reminders, planItems], skipLocked: true })
  );
}

/** One batch: claimed and delivered in one transaction. Returns how many were claimed. */
export async function sweepOnce(ctx: AppContext, limit = CLAIM_BATCH): Promise<number> {
  return inTransaction(ctx, async (uow) => {
    const claimed = await claimDue(uow, new Date(), limit);
    if (claimed.length) await deliverClaimed(ctx, uow, claimed);
    return claimed.length;
  });
}

/** The processor of a sweep job: batches until nothing due is left unlocked. */
export async function sweepDue(ctx: AppContext, job: DoseSweepJob): Promise<string> {
  const early = job.at - Date.now();
  if (early > 0) await new Promise((r) => setTimeout(r, Math.min(early, EARLY_WAIT_MAX_MS)));
  const started = Date.now();
  let total = 0;
  for (let round = 0; ; round++) {
    const n = await sweepOnce(ctx);
    total += n;
    // A full first batch is a burst: the other lanes join it, on whichever workers are free.
    if (round === 0 && n === CLAIM_BATCH && job.lane === 0) await ctx.jobs.fanOutSweep(job.at);
    if (n < CLAIM_BATCH) break;
    if (Date.now() - started > SWEEP_BUDGET_MS) {
      await ctx.jobs.scheduleSweeps([new Date()]);
      break;
    }
  }
  return total ? 'delivered' : 'none';
}
