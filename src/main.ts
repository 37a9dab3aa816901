// Process entry: parse config (fail fast), start the parts for ROLE, stop them on SIGTERM/SIGINT.
import http from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { startCarebeat } from './app.js';
import { createLogger } from './logger.js';
import { localDoctorInvite } from './users/localInvite.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`carebeat: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, { role: config.role });
  // PostgreSQL or Redis not up yet: wait for them (DESIGN §10, "comes up when they do") and, for
  // a process that serves HTTP, answer /readyz 503 with what it waits for meanwhile, so a load
  // balancer or an operator sees why (the real server takes the port over once they are up).
  const waiting = new Map<'db' | 'redis', string | null>(); // a reason, or null once up
  const interim = config.role !== 'worker' && config.port !== 0 ? await interimServer(config, waiting) : null;
  const app = await startCarebeat(config, {
    logger: log,
    dependencyWaitMs: Number.POSITIVE_INFINITY,
    onWaiting: (dependency, reason) => waiting.set(dependency, reason),
    beforeListen: async () => {
      if (interim) await new Promise<void>((resolve) => interim.close(() => resolve()));
    },
  });
  // Local mode (DESIGN §9): a ready doctor invite, so a fresh `npm start` can sign up a verified doctor.
  if (!config.production && app.url) process.stdout.write(await localDoctorInvite(app.ctx, app.url));
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** /healthz 200 and /readyz 503 `{ok:false, db, redis, reason}` while start waits; anything else 503. */
async function interimServer(config: ReturnType<typeof loadConfig>, waiting: Map<'db' | 'redis', string | null>) {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const reason = [...waiting.values()].filter(Boolean).join('; ') || 'starting';
    const body =
      path === '/healthz'
        ? { ok: true }
        : path === '/readyz'
          ? { ok: false, db: waiting.get('db') === null, redis: waiting.get('redis') === null, reason }
          : { error: { code: 'UNAVAILABLE', message: `not ready: ${reason}` } };
    res.writeHead(path === '/healthz' ? 200 : 503, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  return server;
}

main().catch((err) => {
  process.stderr.write(`carebeat: failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
