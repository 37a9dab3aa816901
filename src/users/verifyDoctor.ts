// POST /api/me/verification: a doctor account from before invites (verified_at null) redeems an
// invite an admin made for its email, and becomes verified (listed, choosable). Its patients kept
// their assignment meanwhile: verification gates being chosen, not the care already under way.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { type User, users } from '../db/schema.js';
import { authorize, canRedeemInvite } from '../policies.js';
import { redeemInvite } from './invites.js';
import { presentUser } from './presenters.js';

export async function verifyDoctor(ctx: Pick<AppContext, 'db'>, user: User, inviteToken: string) {
  authorize(canRedeemInvite(user), 'only an unverified doctor redeems an invite');
  const verified = await ctx.db.transaction(async (tx) => {
    // Locked first: two redemptions for one account serialise here, the second sees it verified.
    const [row] = await tx.select().from(users).where(eq(users.id, user.id)).for('update');
    authorize(!!row && canRedeemInvite(row), 'already verified');
    await redeemInvite(tx, inviteToken, row!.email, row!.id);
    const [updated] = await tx.update(users).set({ verifiedAt: new Date() }).where(eq(users.id, user.id)).returning();
    return updated!;
  });
  return { user: presentUser(verified) };
}
