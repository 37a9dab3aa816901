// ioredis connections. Redis is a required service (socket.io adapter, queues, rate limits).
import { Redis } from 'ioredis';

export type { Redis };

export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    // Fail commands fast while disconnected instead of queueing them forever.
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
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
