// Processor for `push` jobs: one reminder attempt to one subscription. Re-reads both rows; a
// reminder no longer due (checked in, cancelled, re-delivered since) is not pushed.
import { eq } from 'drizzle-orm';
import type https from 'node:https';
import type { AppContext } from '../context.js';
import { reminders, pushSubscriptions } from '../db/schema.js';
import { loadTexts } from '../sealed/texts.js';
import { sendPush } from '../push/sender.js';
import type { VapidKeys } from '../push/vapid.js';
import type { PushJob } from '../jobs/types.js';

const MAX_TRIES = 5;

export interface PushDeps {
  vapid: VapidKeys;
  agent?: https.Agent;
}

export async function sendReminderPush(ctx: AppContext, deps: PushDeps, job: PushJob): Promise<string> {
  const [sub] = await ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, job.subscriptionId));
  const [occ] = await ctx.db.select().from(reminders).where(eq(reminders.id, job.reminderId));
  if (!sub || !occ || occ.status !== 'due' || occ.attempts !== job.attempt) return 'stale';
  const texts = await loadTexts(ctx, occ.patientId, { plan: [occ.planItemId] });
  // Only what the notification shows: the reminder, its text, when it was due, which attempt.
  const payload = {
    type: 'reminder:due',
    reminder: {
      id: occ.id,
      planItemId: occ.planItemId,
      text: texts.get(occ.planItemId) ?? 'Reminder',
      dueAt: occ.dueAt.toISOString(),
      attempt: job.attempt,
    },
  };
  const outcome = await sendPush(sub, payload, {
    vapid: deps.vapid,
    ttlSeconds: ctx.config.pushTtlSeconds,
    agent: deps.agent,
    attempt: job.tries,
  });
  if (outcome.kind === 'gone') {
    await ctx.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id));
    return 'gone';
  }
  if (outcome.kind === 'retry' && job.tries + 1 < MAX_TRIES) {
    await ctx.jobs.retryPush(job, new Date(Date.now() + outcome.afterMs));
    return 'retrying';
  }
  return outcome.kind;
}
