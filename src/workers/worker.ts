// Worker side: processors from the registry, stalled-job checks, the reconciliation passes of
// doses and notes (at start and then periodically), and a poison list for jobs that exhausted their retries.
import type { AppContext } from '../context.js';
import { jobsProcessed, pushCryptoFallbacks } from '../metrics.js';
import { extendHorizons } from '../doses/horizon.js';
import { reconcile } from '../doses/scheduling.js';
import { keyWarmer } from '../doses/warmKeys.js';
import { requeueNotes } from '../notes/requeueNotes.js';
import { QUEUE_NAMES, type Queues } from '../jobs/queues.js';
import { startPushCrypto } from '../push/cryptoPool.js';
import type { QueueName } from '../jobs/types.js';
import { registry, type WorkerDeps } from './registry.js';

export interface Workers {
  stop(): Promise<void>;
}

export async function startWorkers(
  ctx: AppContext,
  queues: Queues,
  deps: WorkerDeps,
  opts: { reconcileEveryMs?: number } = {},
): Promise<Workers> {
  // Push payloads are encrypted on a thread of this worker's own (push/cryptoPool.ts).
  const crypto =
    deps.crypto ??
    startPushCrypto({
      onFallback: (messages) => {
        pushCryptoFallbacks.inc(messages);
        ctx.log.warn({ messages }, 'push crypto thread died: sealing on the worker thread');
      },
    });
  for (const name of QUEUE_NAMES) bind(ctx, queues, { ...deps, crypto }, name);
  for (const name of QUEUE_NAMES) await queues[name].ready();
  const stallTimers = QUEUE_NAMES.map((name) => {
    void queues[name].checkStalledJobs().catch(() => {});
    // Half the stall window (stallInterval 10 s in queues.ts), as bee-queue advises.
    return setInterval(() => void queues[name].checkStalledJobs().catch(() => {}), 5_000);
  });
  await reconcile(ctx);
  await extendHorizons(ctx);
  await requeueNotes(ctx);
  const warmDueKeys = keyWarmer(ctx);
  let running = false;
  const pump = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await extendHorizons(ctx);
      await reconcile(ctx);
      await requeueNotes(ctx);
      await warmDueKeys();
    } catch (err) {
      ctx.log.warn({ err: { message: (err as Error).message } }, 'reconcile failed');
    }
    running = false;
  }, opts.reconcileEveryMs ?? 5_000);
  return {
    stop: async () => {
      clearInterval(pump);
      stallTimers.forEach(clearInterval);
      if (!deps.crypto) await crypto.close();
    },
  };
}

function bind<K extends QueueName>(ctx: AppContext, queues: Queues, deps: WorkerDeps, name: K) {
  const { concurrency, process } = registry[name];
  const queue = queues[name];
  queue.process(concurrency, async (job) => {
    const outcome = await process(ctx, deps, job.data as never);
    jobsProcessed.inc({ queue: name, outcome });
    return outcome;
  });
  // bee-queue emits 'failed' on every failed attempt, and 'failed:fatal' once no retries are left.
  queue.on('failed', (job, err) => {
    jobsProcessed.inc({ queue: name, outcome: 'error' });
    ctx.log.error({ queue: name, jobId: job.id, err: { name: err.name, message: err.message } }, 'job attempt failed');
  });
  // A poison job is moved aside (ids only) for a person to look at, instead of retrying forever.
  (queue as unknown as NodeJS.EventEmitter).on('failed:fatal', (job: { id: string; data: unknown }) => {
    void ctx.redis.lpush(
      `${ctx.config.redisPrefix}:poison`,
      JSON.stringify({ queue: name, jobId: job.id, data: job.data, at: new Date().toISOString() }),
    );
  });
  queue.on('error', (err) => ctx.log.warn({ queue: name, err: { message: err.message } }, 'queue error'));
}
