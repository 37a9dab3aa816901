// Request durations by route pattern; the instruments themselves live in src/metrics.ts.
import type { RequestHandler } from 'express';
import { httpDuration } from '../metrics.js';

export const metricsMiddleware: RequestHandler = (req, res, next) => {
  const end = httpDuration.startTimer();
  res.on('finish', () => {
    // Route patterns, not raw paths, so ids do not explode the label set.
    const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
    end({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
};
