// Process entry: parse config (fail fast), start the parts for ROLE, stop them on SIGTERM/SIGINT.
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
  const app = await startCarebeat(config, { logger: log });
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

main().catch((err) => {
  process.stderr.write(`carebeat: failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
