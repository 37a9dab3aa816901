// Rate limits on Redis, shared by every API process: the HTTP middlewares (http/rateLimit.ts)
// and the socket commands consume the same per-user budget.
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from './redis.js';
import { RateLimitedError } from './errors.js';
import type { Logger } from './logger.js';

export class Limiter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    keyPrefix: string,
    pointsPerMinute: number,
    private readonly log: Logger,
  ) {
    this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix, points: pointsPerMinute, duration: 60 });
  }

  /** Throws RateLimitedError when the key is over its budget. Redis trouble lets the call through. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
      this.log.warn({ err: { message: (res as Error).message } }, 'rate limiter unavailable');
    }
  }
}
