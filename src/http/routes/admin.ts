import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { createDoctorInvite } from '../../users/createDoctorInvite.js';
import { createInviteInput } from '../../users/invites.js';
import { parse } from '../../validate.js';
import { currentUser } from '../authenticate.js';

/** Mounted at /api/admin, behind requireUser; each command checks the admin role itself. */
export function adminRoutes(ctx: AppContext): Router {
  const r = Router();
  r.post('/doctor-invites', async (req, res) => {
    const { email } = parse(createInviteInput, req.body);
    res.status(201).json(await createDoctorInvite(ctx, currentUser(res), email));
  });
  return r;
}
