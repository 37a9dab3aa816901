// Events at a steady rate through the path a worker's events take: a unit of work
// (`inTransaction`) writes each one as an outbox row (per-user seq) in PostgreSQL, then the app's
// EventPublisher emits it through a @socket.io/redis-emitter on the run's adapter key, and every
// API process's Redis adapter delivers it to the user's room. `patient:assigned` is used because
// it carries no sealed text, so what is measured is delivery, not decryption.
import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import { parseKeyring } from '../../src/crypto/index.js';
import { openDatabase } from '../../src/db/client.js';
import { EventPublisher } from '../../src/events/publisher.js';
import { inTransaction } from '../../src/events/unitOfWork.js';
import { createLogger } from '../../src/logger.js';
import { adapterKey } from '../../src/realtime/gateway.js';

export interface Driver {
  /** Events committed (and handed to the emitter) so far. */
  written(): number;
  failed(): number;
  /** Stops writing and waits for the events in flight. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function startDriver(opts: {
  dbUrl: string;
  redisUrl: string;
  prefix: string;
  masterKey: string;
  rate: number;
  userIds: string[];
}): Promise<Driver> {
  const store = await openDatabase({ databaseUrl: opts.dbUrl, dataDir: '/tmp', migrate: false });
  const log = createLogger('warn');
  const events = new EventPublisher(store.db, parseKeyring(opts.masterKey, 1, undefined), log);
  const redis = new Redis(opts.redisUrl);
  events.setEmitter(new Emitter(redis, { key: adapterKey(opts.prefix) }));
  const ctx = { db: store.db, events, log };
  let written = 0;
  let failed = 0;
  let next = 0;
  const inFlight = new Set<Promise<void>>();
  const one = (userId: string) => {
    const p = inTransaction(ctx, async (uow) => {
      uow.emit(userId, 'patient:assigned', { patient: { id: userId, name: 'bench' } }, { patientId: null });
    }).then(
      () => {
        written++;
      },
      () => {
        failed++;
      },
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  // Paced on the clock in 10 ms ticks (a late tick catches up); users in turn, so every user gets
  // events and none gets two at once unless the rate outruns the user count.
  const t0 = Date.now();
  let started = 0;
  const timer = setInterval(() => {
    for (const due = Math.floor((opts.rate * (Date.now() - t0)) / 1000); started < due; started++)
      one(opts.userIds[next++ % opts.userIds.length]!);
  }, 10);
  let stopped = false;
  const stop = async () => {
    if (!stopped) clearInterval(timer);
    stopped = true;
    while (inFlight.size) await Promise.all([...inFlight]);
  };
  return {
    written: () => written,
    failed: () => failed,
    stop,
    close: async () => {
      await stop();
      redis.disconnect();
      await store.close();
    },
  };
}
