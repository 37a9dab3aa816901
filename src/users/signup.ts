// POST /api/auth/signup: a Firebase account, then its profile (with a fresh key pair). A doctor
// is verified by redeeming an admin's invite in the same transaction as the profile insert; in
// `DOCTOR_SIGNUP=open` (development and test only by default) a doctor without one is verified too.
// Signup signs the new user in but is not a login on the trail: the account's creation is.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { generateUserKeyPair } from '../crypto/index.js';
import { patientSettings, type User, users } from '../db/schema.js';
import { AppError, inviteRequired } from '../errors.js';
import { checkInvite, redeemInvite } from './invites.js';
import { presentUser } from './presenters.js';
import type { SignupInput } from './schemas.js';

type Ctx = Pick<AppContext, 'db' | 'auth' | 'keyring' | 'config'>;

const emailTaken = () => new AppError(409, 'EMAIL_TAKEN', 'an account with this email exists');

export async function signup(ctx: Ctx, input: SignupInput) {
  const token = input.role === 'doctor' ? input.inviteToken : undefined;
  if (input.role === 'doctor' && !token && ctx.config.doctors.signup === 'invite') throw inviteRequired();
  // Checked before the Firebase account exists, so a refused doctor leaves nothing behind; the
  // redemption below re-checks under the row lock (two signups with one token: one wins).
  if (token) await checkInvite(ctx.db, token, input.email);
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) throw emailTaken();
  const uid = await ctx.auth.createUser(input);
  let user: User;
  try {
    const keys = generateUserKeyPair(ctx.keyring);
    user = await ctx.db.transaction(async (tx) => {
      const [row] = (await tx
        .insert(users)
        .values({
          firebaseUid: uid,
          role: input.role,
          name: input.name,
          email: input.email,
          publicKey: keys.publicKey,
          wrappedPrivateKey: keys.wrappedPrivateKey,
          verifiedAt: input.role === 'doctor' ? new Date() : null,
        })
        .returning()) as [User];
      if (token) await redeemInvite(tx, token, input.email, row.id);
      if (input.role === 'patient' && input.timezone)
        await tx.insert(patientSettings).values({ userId: row.id, timezone: input.timezone });
      return row;
    });
  } catch (err) {
    // No half-made account: the Firebase user goes if the profile could not be written.
    await ctx.auth.deleteUser(uid);
    // drizzle wraps driver errors (DrizzleQueryError): the SQLSTATE is on the cause.
    const sqlState = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (sqlState === '23505') throw emailTaken();
    throw err;
  }
  const session = await ctx.auth.signIn(input.email, input.password);
  return { user: presentUser(user), session };
}
