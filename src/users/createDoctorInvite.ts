// POST /api/admin/doctor-invites: an admin vouches for one doctor's email (see invites.ts).
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { authorize, canCreateDoctorInvite } from '../policies.js';
import { createInvite } from './invites.js';

export async function createDoctorInvite(ctx: Pick<AppContext, 'db' | 'config'>, admin: User, email: string) {
  authorize(canCreateDoctorInvite(admin), 'only an admin invites doctors');
  return { invite: await createInvite(ctx.db, email, admin.id, ctx.config.doctors.inviteTtlMs) };
}
