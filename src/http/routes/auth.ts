import { type RequestHandler, Router } from 'express';
import type { AppContext } from '../../context.js';
import { loginInput, refreshInput, signupInput } from '../../users/schemas.js';
import * as users from '../../users/service.js';
import { emptyBody, parse } from '../../validate.js';
import { currentUser } from '../authenticate.js';

export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  r.post('/signup', async (req, res) => {
    res.status(201).json(await users.signup(ctx, parse(signupInput, req.body)));
  });
  r.post('/login', async (req, res) => {
    res.json(await users.login(ctx, parse(loginInput, req.body)));
  });
  r.post('/refresh', async (req, res) => {
    res.json(await users.refresh(ctx, parse(refreshInput, req.body).refreshToken));
  });
  return r;
}

/** POST /api/auth/logout: behind requireUser (it needs the caller), unlike the routes above. */
export function logoutRoute(ctx: AppContext): RequestHandler {
  return async (req, res) => {
    parse(emptyBody, req.body);
    await users.logout(ctx, currentUser(res));
    res.status(204).end();
  };
}
