import type { RequestHandler, Response } from 'express';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { unauthorized } from '../errors.js';
import { authenticate } from '../users/service.js';

export function requireUser(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) throw unauthorized('missing bearer token');
    res.locals.user = await authenticate(ctx, match[1]!);
    next();
  };
}

export const currentUser = (res: Response): User => res.locals.user as User;
