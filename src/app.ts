// Composition root of one process: builds the parts for its ROLE (api, worker or all) and
// returns a handle whose stop() shuts them down in order: stop intake, drain workers, close
// queues, close Redis and the database, stop the emulator child.
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Emitter } from '@socket.io/redis-emitter';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { createLogger, type Logger } from './logger.js';
import { openDatabase } from './db/client.js';
import { createRedis, publishSafely, waitForRedis } from './redis.js';
import { parseKeyring } from './crypto/index.js';
import { FirebaseAuth } from './auth/firebase.js';
import { startAuthEmulator, type AuthEmulator } from './auth/emulator.js';
import { EventPublisher } from './events/publisher.js';
import { closeQueues, createQueues } from './jobs/queues.js';
import { createJobs } from './jobs/producer.js';
import { startWorkers, type Workers } from './workers/worker.js';
import { createExtractor, type Extractor } from './extraction/index.js';
import { loadOrCreateVapidKeys } from './push/vapid.js';
import { pushAgent } from './push/endpoints.js';
import { createHttpApp } from './http/app.js';
import { Limiter } from './rateLimit.js';
import { adapterKey, attachRealtime } from './realtime/gateway.js';
import { loadOrCreateMasterKey } from './localSecrets.js';
import { untilUp } from './startup.js';

const beeLua = createRequire(import.meta.url)('bee-queue/lib/lua/index.js') as {
  buildCache(client: unknown): Promise<unknown>;
};

export interface StartOptions {
  /** Replace the configured extractor (tests, benchmarks). */
  extractor?: Extractor;
  /** TLS agent for web-push (tests trust their local push service's certificate with it). */
  pushAgent?: https.Agent;
  reconcileEveryMs?: number;
  /** Do not import/export emulator accounts in DATA_DIR (tests). */
  ephemeralAuth?: boolean;
  logger?: Logger;
  /**
   * How long start waits for PostgreSQL and Redis to be reachable (default: PostgreSQL not at all,
   * Redis 10 s). main.ts waits indefinitely: DESIGN §10, a process started before its
   * dependencies comes up when they do instead of exiting.
   */
  dependencyWaitMs?: number;
  /** Told what start is waiting for (reason null: that dependency is up); main.ts shows it on /readyz. */
  onWaiting?: (dependency: 'db' | 'redis', reason: string | null) => void;
  /** Runs just before the HTTP server listens (main.ts closes its interim /readyz server there). */
  beforeListen?: () => Promise<void>;
}

export interface Carebeat {
  ctx: AppContext;
  url: string | null;
  stop(): Promise<void>;
}

export async function startCarebeat(config: Config, opts: StartOptions = {}): Promise<Carebeat> {
  const log = opts.logger ?? createLogger(config.logLevel, { role: config.role });
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const c of cleanups.reverse())
      await c().catch((err) => log.warn({ err: { message: (err as Error).message } }, 'shutdown step failed'));
    cleanups.length = 0;
  };
  try {
    let emulator: AuthEmulator | undefined;
    let emulatorHost = config.firebase.emulatorHost;
    if (config.firebase.startEmulator) {
      emulator = await startAuthEmulator({
        port: config.firebase.emulatorPort,
        projectId: config.firebase.projectId,
        persistDir: opts.ephemeralAuth ? undefined : path.resolve(config.dataDir, 'firebase'),
      });
      emulatorHost = emulator.host;
      cleanups.push(() => emulator!.stop());
      log.info({ host: emulatorHost }, 'Firebase Auth Emulator started');
    }
    const masterKey = config.masterKey ?? (await loadOrCreateMasterKey(config.dataDir));
    const keyring = parseKeyring(masterKey, config.masterKeyVersion, config.masterKeysPrevious);
    const database = await untilUp(
      'db',
      () => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
      opts.dependencyWaitMs ?? 0,
      log,
      opts.onWaiting,
    );
    cleanups.push(() => database.close());
    const redis = createRedis(config.redisUrl, `carebeat-${config.role}`);
    cleanups.push(async () => redis.disconnect());
    if (opts.dependencyWaitMs === undefined) await waitForRedis(redis);
    else await untilUp('redis', () => redis.ping(), opts.dependencyWaitMs, log, opts.onWaiting);
    const auth = new FirebaseAuth({ ...config.firebase, emulatorHost });
    cleanups.push(() => auth.close());
    const events = new EventPublisher(database.db, keyring, log);
    const worker = config.role !== 'api';
    const queues = createQueues(config, worker);
    cleanups.push(() => closeQueues(queues));
    // A queue emits 'error' when its Redis connection drops; unhandled, that killed an API process
    // on a Redis restart (workers bind their own handler too). bee-queue reconnects by itself.
    for (const [name, queue] of Object.entries(queues))
      queue.on('error', (err) => log.warn({ queue: name, err: { message: err.message } }, 'queue error'));
    // bee-queue loads its Lua scripts into Redis once, at connect. A restarted Redis has none, and
    // every queue command then failed with NOSCRIPT until the process restarted: reload them each
    // time a queue's command connection is ready again.
    for (const queue of Object.values(queues)) {
      void queue
        .ready()
        .then(() => {
          const client = (queue as unknown as { client: NodeJS.EventEmitter }).client;
          client.on('ready', () => {
            beeLua
              .buildCache(client)
              .catch((err: Error) => log.warn({ err: { message: err.message } }, 'queue scripts'));
          });
        })
        .catch(() => {});
    }
    const jobs = createJobs(queues, redis, {
      extractionTimeoutMs: config.extraction.timeoutMs * config.extraction.attempts * 2 + 10_000,
    });
    const ctx: AppContext = { config, log, database, db: database.db, redis, keyring, auth, events, jobs };
    const vapid = await loadOrCreateVapidKeys({ dataDir: config.dataDir, ...config.vapid });

    let workers: Workers | undefined;
    if (worker) {
      const extractor =
        opts.extractor ??
        createExtractor({
          geminiApiKey: config.gemini.apiKey,
          geminiModel: config.gemini.model,
          geminiBaseUrl: config.gemini.baseUrl,
        });
      workers = await startWorkers(
        ctx,
        queues,
        // Without a test agent, pushes resolve through a lookup that refuses private addresses.
        { extractor, vapid, agent: opts.pushAgent ?? pushAgent(config.push.allowPrivate) },
        { reconcileEveryMs: opts.reconcileEveryMs },
      );
      cleanups.push(() => workers!.stop());
    }

    let url: string | null = null;
    if (config.role !== 'worker') {
      const authLimiter = new Limiter(
        redis,
        `${config.redisPrefix}:rl:auth`,
        config.rateLimits.authPerMinute,
        log,
        true,
      );
      const userLimiter = new Limiter(redis, `${config.redisPrefix}:rl:user`, config.rateLimits.userPerMinute, log);
      const app = createHttpApp(ctx, { authLimiter, userLimiter, vapidPublicKey: vapid.publicKey });
      const server = http.createServer(app);
      const realtime = attachRealtime(
        ctx,
        server,
        { user: userLimiter, handshake: authLimiter },
        app.get('trust proxy fn'),
      );
      events.setEmitter(realtime.io);
      await opts.beforeListen?.();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      url = `http://127.0.0.1:${port}`;
      // Registered last so it runs first: stop intake before anything it depends on closes.
      cleanups.push(async () => {
        server.closeIdleConnections();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Jobs still draining must not emit through the closing adapter (its publish would reject
        // unhandled and crash the process); their events stay in the outbox for `sync`.
        events.setEmitter(null);
        await realtime.close();
        server.closeAllConnections();
        await closed;
      });
      log.info({ url, driver: database.driver, role: config.role }, 'Carebeat API listening');
    } else {
      const emitterRedis = publishSafely(redis.duplicate(), log);
      cleanups.push(async () => {
        events.setEmitter(null);
        emitterRedis.disconnect();
      });
      events.setEmitter(new Emitter(emitterRedis, { key: adapterKey(config.redisPrefix) }));
      log.info({ driver: database.driver }, 'Carebeat worker running');
    }
    return { ctx, url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
