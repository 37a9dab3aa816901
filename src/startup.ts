// Waiting for a dependency at start (DESIGN §10): a process started before PostgreSQL or Redis is
// reachable retries instead of exiting, and says what it waits for.
import type { Logger } from './logger.js';

export type OnWaiting = (dependency: 'db' | 'redis', reason: string | null) => void;

// Errors that mean "not reachable (yet)", as opposed to a broken migration or bad credentials.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P03', '57P01']);

/** Retries `attempt` while its dependency is unreachable, until `waitMs` has passed. */
export async function untilUp<T>(
  dependency: 'db' | 'redis',
  attempt: () => Promise<T>,
  waitMs: number,
  log: Logger,
  onWaiting?: OnWaiting,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delay = 200; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      const value = await attempt();
      onWaiting?.(dependency, null);
      return value;
    } catch (err) {
      const code = (err as { code?: string }).code;
      const transient = dependency === 'redis' || (code !== undefined && UNREACHABLE.has(code));
      if (!transient || Date.now() + delay > deadline) throw err;
      const reason = dependency === 'db' ? 'PostgreSQL is unreachable' : 'Redis is unreachable';
      log.warn({ dependency, err: { message: (err as Error).message } }, `waiting: ${reason}`);
      onWaiting?.(dependency, reason);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
