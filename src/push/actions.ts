// Take / Snooze from a notification (DESIGN §8): the service worker has no ID token, only the
// action token the push carried. The token is checked (signature, expiry, action), claimed once,
// and the dose's patient then runs the same command as POST /api/doses/:id/take|snooze. A command
// that fails gives the token back: nothing was recorded, so the patient may try again.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { pushSubscriptions, reminders, users } from '../db/schema.js';
import { snoozeDose } from '../doses/snoozeDose.js';
import { takeDose } from '../doses/takeDose.js';
import { actionTokenInvalid, actionTokenUsed } from '../errors.js';
import {
  type ActionGrant,
  claimActionToken,
  type PushAction,
  releaseActionToken,
  verifyActionToken,
} from './actionTokens.js';

/** A snooze from a notification button, which cannot ask: minutes of the patient's day. */
export const DEFAULT_SNOOZE_MINUTES = 10;

const token = z.string().min(1).max(256);
export const takeActionBody = z.object({ token }).strict();
export const snoozeActionBody = z
  .object({ token, minutes: z.number().int().min(5).max(120).default(DEFAULT_SNOOZE_MINUTES) })
  .strict();

export async function runPushAction(ctx: AppContext, action: PushAction, input: { token: string; minutes?: number }) {
  const grant = verifyActionToken(ctx.keyring, input.token, action);
  if (!grant) throw actionTokenInvalid();
  const patient = await patientOf(ctx, grant);
  if (!(await claimActionToken(ctx.redis, ctx.config.redisPrefix, input.token, grant))) throw actionTokenUsed();
  try {
    const out =
      action === 'take'
        ? await takeDose(ctx, patient, grant.doseId)
        : await snoozeDose(ctx, patient, grant.doseId, input.minutes ?? DEFAULT_SNOOZE_MINUTES);
    await auditOnce(ctx.db, patient.id, 'push.action', `dose:${grant.doseId}/${action}`);
    return out;
  } catch (err) {
    await releaseActionToken(ctx.redis, ctx.config.redisPrefix, input.token);
    throw err;
  }
}

/**
 * The user row of the dose's patient, while the subscription the token was pushed to is still
 * theirs: a dose that is gone, or a browser signed out (unsubscribed), makes the token worthless.
 */
async function patientOf(ctx: AppContext, grant: ActionGrant) {
  const [row] = await ctx.db
    .select({ user: users })
    .from(reminders)
    .innerJoin(users, eq(users.id, reminders.patientId))
    .innerJoin(
      pushSubscriptions,
      and(eq(pushSubscriptions.id, grant.subscriptionId), eq(pushSubscriptions.userId, reminders.patientId)),
    )
    .where(eq(reminders.id, grant.doseId));
  if (!row) throw actionTokenInvalid();
  return row.user;
}
