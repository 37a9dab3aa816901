// What the benchmark scripts share: the app's NODE_ENV, batching, CPU time from /proc, waiting for
// the app to be ready, and removing a run's Redis keys afterwards.
import { readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { sleep } from '../../tests/helpers/poll.js';

// Not 'development': there bee-queue's Redis client (redis v3) captures a stack trace for every
// command (about 6 % of the reminder burst's CPU), which production does not pay. Production mode
// itself refuses the Auth Emulator, and Carebeat treats 'test' exactly as 'development' (only
// 'production' changes its behaviour), so the benchmarks run the app with NODE_ENV=test.
export const BENCH_NODE_ENV = 'test';

export async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export function cpuMs(pid: number): number {
  // /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (100 per second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (ms) of every process whose command is `name` (PostgreSQL: its backends and helpers). */
export function cpuMsOf(name: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === name) total += cpuMs(Number(pid));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return total;
}

export async function waitReady(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      /* starting */
    }
    await sleep(200);
  }
  throw new Error('the app did not become ready');
}

/** Deletes every key matching `pattern` (a run's prefix), so a run leaves Redis as it found it. */
export async function cleanRedis(url: string, pattern: string) {
  const r = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await r.del(...keys);
  } while (cursor !== '0');
  r.disconnect();
}
