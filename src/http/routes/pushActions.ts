// Notification actions (DESIGN §8): Take and Snooze from a push, authorized by the push action
// token in the body instead of a Bearer ID token (the service worker has none). Mounted outside
// the authenticated router, behind the per-IP limit of the auth routes.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { runPushAction, snoozeActionBody, takeActionBody } from '../../push/actions.js';
import { parse } from '../../validate.js';

export function pushActionRoutes(ctx: AppContext): Router {
  const r = Router();
  r.post('/take', async (req, res) => {
    res.json(await runPushAction(ctx, 'take', parse(takeActionBody, req.body ?? {})));
  });
  r.post('/snooze', async (req, res) => {
    res.json(await runPushAction(ctx, 'snooze', parse(snoozeActionBody, req.body ?? {})));
  });
  return r;
}
