// The process's Prometheus registry and the instruments that HTTP, realtime and workers update;
// served at /metrics by the HTTP app.
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const httpDuration = new client.Histogram({
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

export const pushCryptoFallbacks = new client.Counter({
  name: 'carebeat_push_crypto_fallbacks_total',
  help: "push messages sealed on the worker's own thread because its crypto thread died",
  registers: [registry],
});

// Unwraps the key caches did not spare (sealed/cipher.ts): a burst's should have been paid ahead.
export const keyUnwraps = new client.Counter({
  name: 'carebeat_key_unwraps_total',
  help: 'private and data keys unwrapped, i.e. key cache misses',
  labelNames: ['key'],
  registers: [registry],
});
