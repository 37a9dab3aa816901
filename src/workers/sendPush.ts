// Processor for `push` jobs: the doses that fell due together, to one subscription. Re-reads the
// rows; a dose no longer due at that step (taken, cancelled, re-delivered since) is left out, and
// nothing is pushed when none is left.
import { eq, inArray } from 'drizzle-orm';
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
  const step = new Map(job.doses.map((d) => [d.reminderId, d.attempt]));
  const rows = await ctx.db
    .select()
    .from(reminders)
    .where(inArray(reminders.id, [...step.keys()]));
  const doses = rows.filter((d) => d.status === 'due' && d.attempts === step.get(d.id));
  if (!sub || doses.length === 0) return 'stale';
  const texts = await loadTexts(ctx, sub.userId, { plan: doses.map((d) => d.planItemId) });
  // Only what the notification shows: each dose, its text, when it was due.
  const payload = {
    type: 'dose:due',
    doses: doses.map((d) => ({
      id: d.id,
      planItemId: d.planItemId,
      text: texts.get(d.planItemId) ?? 'Dose',
      dueAt: d.dueAt.toISOString(),
      localTime: d.localTime,
      attempt: d.attempts,
    })),
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
