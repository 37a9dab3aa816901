// A doctor's preferences: "review before start" makes every new note's plan wait for their
// confirmation, whatever the safety check found (DESIGN §7).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { type User, users } from '../db/schema.js';
import { authorize, canSetReviewPreference } from '../policies.js';

export const preferencesInput = z.object({ reviewBeforeStart: z.boolean() }).strict();

export async function readPreferences(_ctx: AppContext, user: User) {
  authorize(canSetReviewPreference(user), 'only doctors have review preferences');
  return { reviewBeforeStart: user.reviewBeforeStart };
}

export async function setPreferences(ctx: AppContext, user: User, input: z.infer<typeof preferencesInput>) {
  authorize(canSetReviewPreference(user), 'only doctors have review preferences');
  const [row] = await ctx.db
    .update(users)
    .set({ reviewBeforeStart: input.reviewBeforeStart })
    .where(eq(users.id, user.id))
    .returning();
  return { reviewBeforeStart: row!.reviewBeforeStart };
}
