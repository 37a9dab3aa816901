// ioredis connections. Redis is a required service (socket.io adapter, queues, rate limits).
import { Redis } from 'ioredis';

export type { Redis };

export function createRedis(url: string, name: string): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    // Fail commands fast while disconnected instead of queueing them forever.
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  // Without a listener ioredis prints every failed reconnect (a Redis restart) as an "Unhandled
  // error event" stack to stderr. It reconnects by itself; the commands that fail meanwhile reject
  // to their callers, which decide (the limiter fails open or closed, /readyz says 503).
  redis.on('error', () => {});
  return redis;
}

export async function waitForRedis(redis: Redis, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await redis.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Redis not reachable: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * For the socket.io adapter's and emitter's publishing connection: they publish without awaiting,
 * so while Redis is down (a restart) every publish rejected unhandled and crashed the process.
 * A failed publish is logged instead: the event is in the outbox, and `sync` delivers it (DESIGN §5).
 */
export function publishSafely(redis: Redis, log: { warn(obj: object, msg: string): void }): Redis {
  const publish = redis.publish.bind(redis) as (...args: unknown[]) => Promise<number>;
  redis.publish = ((...args: unknown[]) =>
    publish(...args).catch((err: Error) => {
      log.warn({ err: { name: err.name, message: err.message } }, 'publish failed: the event waits for sync');
      return 0;
    })) as Redis['publish'];
  redis.on('error', () => {}); // reconnects by itself; publish failures are logged above
  return redis;
}
