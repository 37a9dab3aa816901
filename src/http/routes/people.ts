import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { redeemInviteInput, selectDoctorInput } from '../../users/schemas.js';
import * as users from '../../users/service.js';
import { preferencesInput, readPreferences, setPreferences } from '../../users/setPreferences.js';
import { deskQuery, listDeskPatients } from '../../doses/deskPatients.js';
import { readSettings, settingsInput, writeSettings } from '../../doses/settings.js';
import { verifyDoctor } from '../../users/verifyDoctor.js';
import { currentUser } from '../authenticate.js';
import { parse } from '../../validate.js';

export function peopleRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/me', async (_req, res) => {
    res.json(await users.me(ctx, currentUser(res)));
  });
  r.get('/doctors', async (_req, res) => {
    res.json(await users.listDoctors(ctx));
  });
  r.put('/me/doctor', async (req, res) => {
    res.json(await users.selectDoctor(ctx, currentUser(res), parse(selectDoctorInput, req.body).doctorId));
  });
  r.post('/me/verification', async (req, res) => {
    res.json(await verifyDoctor(ctx, currentUser(res), parse(redeemInviteInput, req.body).inviteToken));
  });
  r.get('/me/settings', async (_req, res) => {
    res.json(await readSettings(ctx, currentUser(res)));
  });
  r.put('/me/settings', async (req, res) => {
    res.json(await writeSettings(ctx, currentUser(res), parse(settingsInput, req.body)));
  });
  r.get('/me/preferences', async (_req, res) => {
    res.json(await readPreferences(ctx, currentUser(res)));
  });
  r.put('/me/preferences', async (req, res) => {
    res.json(await setPreferences(ctx, currentUser(res), parse(preferencesInput, req.body)));
  });
  r.get('/me/patients', async (req, res) => {
    res.json(await listDeskPatients(ctx, currentUser(res), parse(deskQuery, req.query, 'query')));
  });
  return r;
}
