// Web-push subscriptions of a user's browsers. An endpoint belongs to one user: subscribing it
// again (e.g. after another user signed in on that browser) moves it.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { pushSubscriptions, type User } from '../db/schema.js';
import { notFound } from '../errors.js';

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

export async function subscribe(ctx: Pick<AppContext, 'db'>, user: User, input: z.infer<typeof subscribeInput>) {
  const [row] = await ctx.db
    .insert(pushSubscriptions)
    .values({ userId: user.id, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId: user.id, p256dh: input.keys.p256dh, auth: input.keys.auth },
    })
    .returning();
  return { subscription: { id: row!.id, endpoint: row!.endpoint } };
}

export async function unsubscribe(ctx: Pick<AppContext, 'db'>, user: User, endpoint: string) {
  const gone = await ctx.db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, user.id), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  if (gone.length === 0) throw notFound('subscription');
}
