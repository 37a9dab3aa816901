import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { loginInput, refreshInput, signupInput } from '../../users/schemas.js';
import * as users from '../../users/service.js';
import { parse } from '../../validate.js';

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
