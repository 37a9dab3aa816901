// Processor for `push` jobs: the doses that fell due together, to one subscription. Re-reads the
// rows; a dose no longer due at that step (taken, cancelled, re-delivered since) is left out, and
// nothing is pushed when none is left. Each dose gets its Take and Snooze action tokens here, at
// the last moment: they exist only inside the encrypted payload, never in the job or a log.
import { eq, inArray } from 'drizzle-orm';
import type https from 'node:https';
import type { AppContext } from '../context.js';
import { auditPushRead } from '../audit/reads.js';
import { planItems, reminders, pushSubscriptions } from '../db/schema.js';
import { windowEnd } from '../doses/chain.js';
import { scaleOf } from '../doses/dayScale.js';
import { loadTexts } from '../sealed/texts.js';
import { mintActionToken, type PushAction } from '../push/actionTokens.js';
import { dosePayloads, type PushedDose } from '../push/payload.js';
import { type PushOutcome, sendPush } from '../push/sender.js';
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
    .select({ dose: reminders, item: planItems })
    .from(reminders)
    .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
    .where(inArray(reminders.id, [...step.keys()]));
  const due = rows.filter(({ dose: d }) => d.status === 'due' && d.attempts === step.get(d.id));
  // A subscription follows its user, and only the dose's own patient may be pushed its dose.
  const doses = sub ? due.filter(({ dose: d }) => d.patientId === sub.userId) : [];
  if (!sub || doses.length === 0) return 'stale';
  const texts = await loadTexts(ctx, sub.userId, { plan: doses.map(({ dose: d }) => d.planItemId) });
  await auditPushRead(
    ctx.db,
    sub.userId,
    doses.map(({ dose: d }) => d.id),
  );
  const now = new Date();
  // Only what the notification shows: each dose, its text, when it was due, and its two actions.
  const pushed: PushedDose[] = doses.map(({ dose: d, item }) => {
    const grant = (action: PushAction) =>
      mintActionToken(
        ctx.keyring,
        {
          doseId: d.id,
          subscriptionId: sub.id,
          action,
          expiresAt: windowEnd(d, scaleOf(item, ctx.config.scheduleDayMs)),
        },
        now,
      );
    return {
      id: d.id,
      planItemId: d.planItemId,
      text: texts.get(d.planItemId) ?? 'Dose',
      dueAt: d.dueAt.toISOString(),
      localTime: d.localTime,
      attempt: d.attempts,
      actions: { take: grant('take'), snooze: grant('snooze') },
    };
  });
  // One message, unless the doses due together overflow a push message (then as few as fit; a
  // retry sends them all again, each replacing its own notification by tag).
  let outcome: PushOutcome = { kind: 'sent' };
  for (const payload of dosePayloads(pushed)) {
    outcome = await sendPush(sub, payload, {
      vapid: deps.vapid,
      ttlSeconds: ctx.config.pushTtlSeconds,
      agent: deps.agent,
      attempt: job.tries,
    });
    if (outcome.kind !== 'sent') break;
  }
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
