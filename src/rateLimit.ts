// Rate limits on Redis, shared by every API process: the HTTP middlewares (http/rateLimit.ts)
// and the socket commands consume the same per-user budget.
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from './redis.js';
import { RateLimitedError, rateLimitUnavailable } from './errors.js';
import type { Logger } from './logger.js';

export class Limiter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    keyPrefix: string,
    pointsPerMinute: number,
    private readonly log: Logger,
    // Fail closed where the budget is the only brake on guessing (auth, handshakes); the per-user
    // budget stays open: it protects capacity, and those callers already proved who they are.
    private readonly failClosed = false,
  ) {
    this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix, points: pointsPerMinute, duration: 60 });
  }

  /** Throws RateLimitedError when the key is over its budget. Redis trouble: 503 if failClosed, else through. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
      this.log.warn({ err: { name: (res as Error).name }, failClosed: this.failClosed }, 'rate limiter unavailable');
      if (this.failClosed) throw rateLimitUnavailable();
    }
  }
}
