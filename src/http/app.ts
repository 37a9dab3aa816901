// The express app: security headers, body limits, metrics, health, the API routes behind
// authentication and rate limits, the demo client, and one error handler.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { requireUser } from './authenticate.js';
import { errorHandler, notFoundHandler } from './errorHandler.js';
import { registry } from '../metrics.js';
import type { Limiter } from '../rateLimit.js';
import { metricsMiddleware } from './metrics.js';
import { limitByIp, limitByUser } from './rateLimit.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes, logoutRoute } from './routes/auth.js';
import { careRoutes } from './routes/care.js';
import { doseRoutes } from './routes/doses.js';
import { fhirRoutes } from './routes/fhir.js';
import { messageRoutes } from './routes/messages.js';
import { peopleRoutes } from './routes/people.js';
import { pushRoutes } from './routes/push.js';
import { pushActionRoutes } from './routes/pushActions.js';

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client-demo');

export function createHttpApp(
  ctx: AppContext,
  deps: { authLimiter: Limiter; userLimiter: Limiter; vapidPublicKey: string },
) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  // No upgrade-insecure-requests: local mode is plain HTTP, also when opened from a phone on the LAN.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'upgrade-insecure-requests': null },
      },
    }),
  );
  app.use(metricsMiddleware);
  app.use(
    express.json({ limit: ctx.config.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.allSettled([ctx.database.ping(), ctx.redis.ping()]);
    const [db, redis] = checks.map((c) => c.status === 'fulfilled');
    if (db && redis) return void res.json({ ok: true, db, redis });
    // The same words as the interim /readyz while start waits (main.ts): what is down, no internals.
    const reason = [!db && 'PostgreSQL is unreachable', !redis && 'Redis is unreachable'].filter(Boolean).join('; ');
    res.status(503).json({ ok: false, db, redis, reason });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  // Logout needs the caller, so it authenticates; it shares the per-IP budget of /api/auth.
  app.post('/api/auth/logout', limitByIp(deps.authLimiter), requireUser(ctx), logoutRoute(ctx));
  app.use('/api/auth', limitByIp(deps.authLimiter), authRoutes(ctx));
  // A notification's Take/Snooze: its push action token is the credential, so no Bearer here.
  app.use('/api/push-actions', limitByIp(deps.authLimiter), pushActionRoutes(ctx));
  const authed = express.Router();
  authed.use(requireUser(ctx), limitByUser(deps.userLimiter));
  authed.use(peopleRoutes(ctx));
  authed.use(careRoutes(ctx));
  authed.use(doseRoutes(ctx));
  authed.use(fhirRoutes(ctx));
  authed.use(messageRoutes(ctx));
  authed.use('/push', pushRoutes(ctx, deps.vapidPublicKey));
  authed.use('/admin', adminRoutes(ctx));
  app.use('/api', authed);
  app.use('/api', notFoundHandler);

  if (ctx.config.serveClient) app.use(express.static(clientDir, { index: 'index.html' }));
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.log, (userId, route) => auditOnce(ctx.db, userId, 'access.denied', route)));
  return app;
}
