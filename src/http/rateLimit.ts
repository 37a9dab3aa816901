// Per IP on auth routes, per user elsewhere; the limiter itself is src/rateLimit.ts.
import type { RequestHandler } from 'express';
import type { Limiter } from '../rateLimit.js';

export const limitByIp =
  (limiter: Limiter): RequestHandler =>
  async (req, _res, next) => {
    await limiter.consume(`ip:${req.ip}`);
    next();
  };

export const limitByUser =
  (limiter: Limiter): RequestHandler =>
  async (_req, res, next) => {
    await limiter.consume(`user:${res.locals.user.id}`);
    next();
  };
