// Doctor invites (DESIGN §3): an admin (or an operator with `npm run doctors:invite`) vouches for
// one email; the token goes to that person, only its SHA-256 is stored, and it works once, before
// it expires. Redeeming it is what makes a doctor account verified.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/log.js';
import type { Db, DbOrTx } from '../db/client.js';
import { doctorInvites } from '../db/schema.js';
import { inviteInvalid } from '../errors.js';

export const inviteEmail = z.string().trim().toLowerCase().email().max(254);
export const createInviteInput = z.object({ email: inviteEmail }).strict();
/** 32 random bytes in base64url are 43 characters; anything else cannot be one of ours. */
export const inviteToken = z.string().min(1).max(256);

export const hashInviteToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface CreatedInvite {
  token: string;
  expiresAt: string;
}

/** `createdBy` is the admin, or null for the operator's script and local mode. */
export async function createInvite(
  db: Db,
  email: string,
  createdBy: string | null,
  ttlMs: number,
): Promise<CreatedInvite> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(doctorInvites)
      .values({ tokenHash: hashInviteToken(token), email: inviteEmail.parse(email), createdBy, expiresAt })
      .returning({ id: doctorInvites.id });
    // The subject is the invite's id: the email is personal data and the token a secret.
    await audit(tx, createdBy, 'invite.create', `invite:${row!.id}`);
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

/** A usable invite for this email, or INVITE_INVALID: the early check, before any account exists. */
export async function checkInvite(db: DbOrTx, token: string, email: string): Promise<void> {
  const [row] = await db.select({ id: doctorInvites.id }).from(doctorInvites).where(usable(token, email));
  if (!row) throw inviteInvalid();
}

/**
 * Marks the invite used by `userId`, in the caller's transaction (the one that writes the doctor).
 * The conditional UPDATE is the single point of truth: of two transactions redeeming one token the
 * second waits on the row lock, re-checks `used_at is null` and matches nothing, so it fails.
 */
export async function redeemInvite(tx: DbOrTx, token: string, email: string, userId: string): Promise<void> {
  const [row] = await tx
    .update(doctorInvites)
    .set({ usedAt: new Date(), usedBy: userId })
    .where(usable(token, email))
    .returning({ id: doctorInvites.id });
  if (!row) throw inviteInvalid();
  await audit(tx, userId, 'invite.redeem', `invite:${row.id}`);
}

// Unknown, used, expired and "for another email" are one answer: the caller learns nothing more.
const usable = (token: string, email: string) =>
  and(
    eq(doctorInvites.tokenHash, hashInviteToken(token)),
    eq(doctorInvites.email, email.trim().toLowerCase()),
    isNull(doctorInvites.usedAt),
    gt(doctorInvites.expiresAt, new Date()),
  );
