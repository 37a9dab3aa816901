// Web-push subscriptions of a user's browsers. An endpoint belongs to one user: registering one
// that another user holds is refused, not moved (a stolen endpoint must not redirect someone's
// reminders); the browser re-subscribes with a fresh endpoint after a user switch.
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { pushSubscriptions, type User } from '../db/schema.js';
import { AppError, conflict, notFound } from '../errors.js';
import { checkEndpoint } from './endpoints.js';

const b64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url');
export const subscribeInput = z
  .object({
    endpoint: z
      .string()
      .url()
      .max(2048)
      .refine((u) => u.startsWith('https://'), 'endpoint must be https'),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: b64url.min(80).max(100), auth: b64url.min(16).max(32) }).strict(),
  })
  .strict();
export const unsubscribeInput = z.object({ endpoint: z.string().url().max(2048) }).strict();

type Ctx = Pick<AppContext, 'db' | 'config'>;

export async function subscribe(ctx: Ctx, user: User, input: z.infer<typeof subscribeInput>) {
  await checkEndpoint(ctx.config.push, input.endpoint);
  return ctx.db.transaction(async (tx) => {
    // Serialise this user's subscribes so two at once cannot both pass the count.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`push:${user.id}`}))`);
    const [existing] = await tx
      .select({ userId: pushSubscriptions.userId })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, input.endpoint));
    if (existing && existing.userId !== user.id)
      throw conflict('ENDPOINT_TAKEN', 'this endpoint is registered to another account');
    if (!existing) {
      const [held] = await tx
        .select({ n: count() })
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, user.id));
      if ((held?.n ?? 0) >= ctx.config.push.maxPerUser)
        throw new AppError(409, 'TOO_MANY_SUBSCRIPTIONS', `at most ${ctx.config.push.maxPerUser} push subscriptions`);
    }
    // Same user, same endpoint: refresh its keys (the browser rotated them).
    const [row] = await tx
      .insert(pushSubscriptions)
      .values({ userId: user.id, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth })
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { p256dh: input.keys.p256dh, auth: input.keys.auth },
        where: eq(pushSubscriptions.userId, user.id),
      })
      .returning();
    if (!row) throw conflict('ENDPOINT_TAKEN', 'this endpoint is registered to another account');
    return { subscription: { id: row.id, endpoint: row.endpoint } };
  });
}

export async function unsubscribe(ctx: Pick<AppContext, 'db'>, user: User, endpoint: string) {
  const gone = await ctx.db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, user.id), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  if (gone.length === 0) throw notFound('subscription');
}
