import client from 'prom-client';
import type { RequestHandler } from 'express';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const httpDuration = new client.Histogram({
  name: 'carebeat_http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const socketConnections = new client.Gauge({
  name: 'carebeat_socket_connections',
  help: 'open socket.io connections',
  registers: [registry],
});

export const jobsProcessed = new client.Counter({
  name: 'carebeat_jobs_total',
  help: 'jobs processed',
  labelNames: ['queue', 'outcome'],
  registers: [registry],
});

export const metricsMiddleware: RequestHandler = (req, res, next) => {
  const end = httpDuration.startTimer();
  res.on('finish', () => {
    // Route patterns, not raw paths, so ids do not explode the label set.
    const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
    end({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
};
