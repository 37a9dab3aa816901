import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { subscribe, subscribeInput, unsubscribe, unsubscribeInput } from '../../push/subscriptions.js';
import { currentUser } from '../authenticate.js';
import { parse } from '../../validate.js';

export function pushRoutes(ctx: AppContext, vapidPublicKey: string): Router {
  const r = Router();
  r.get('/public-key', (_req, res) => {
    res.json({ publicKey: vapidPublicKey });
  });
  r.post('/subscriptions', async (req, res) => {
    res.status(201).json(await subscribe(ctx, currentUser(res), parse(subscribeInput, req.body)));
  });
  r.delete('/subscriptions', async (req, res) => {
    await unsubscribe(ctx, currentUser(res), parse(unsubscribeInput, req.body).endpoint);
    res.status(204).end();
  });
  return r;
}
