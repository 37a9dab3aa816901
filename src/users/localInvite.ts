// Local mode's ready doctor invite (DESIGN §9): made at each start, printed once as a signup link
// with the invited email filled in. Local mode has no admin account: this and `npm run
// doctors:invite` are the operator's way in; an admin account is made by the operator.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { createInvite } from './invites.js';

export async function localDoctorInvite(ctx: Pick<AppContext, 'db' | 'config'>, url: string): Promise<string> {
  // A fresh address each start: an earlier start's doctor may hold the last one already.
  const email = `doctor-${randomBytes(3).toString('hex')}@carebeat.local`;
  const invite = await createInvite(ctx.db, email, null, ctx.config.doctors.inviteTtlMs);
  const port = new URL(url).port;
  const link = `http://localhost:${port}/?invite=${encodeURIComponent(invite.token)}&email=${encodeURIComponent(email)}`;
  return `\nCarebeat: sign up a verified doctor (${email}) with this invite link:\n  ${link}\n\n`;
}
