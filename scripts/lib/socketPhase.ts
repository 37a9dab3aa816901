// bench:sockets's measuring steps, the same for the bare server and for Carebeat: the lowest
// memory of several samples, and the event-loop lag and deliveries of a fan-out window.
import os from 'node:os';
import { sleep } from '../../tests/helpers/poll.js';
import { cpuMs } from './bench.js';
import type { Fleets } from './fleets.js';

export interface Mem {
  heap: number;
  rss: number;
}
/** The lowest heap and RSS of `n` samples 500 ms apart. */
export async function lowest(sample: () => Promise<Mem>, n = 8): Promise<Mem> {
  let best = { heap: Number.POSITIVE_INFINITY, rss: Number.POSITIVE_INFINITY };
  for (let i = 0; i < n; i++) {
    const m = await sample();
    best = { heap: Math.min(best.heap, m.heap), rss: Math.min(best.rss, m.rss) };
    await sleep(500);
  }
  return best;
}

export interface Phase {
  before: Mem;
  after: Mem;
  connected: number;
  connectMs: number;
  idleLagMs: number;
  lagMs: number;
  delivered: number;
  sent: number;
  cpuMsPerS: number;
  /** The machine's 1-minute load average at the end of the fan-out (others' work included). */
  load: number;
}

export async function fanOut(
  seconds: number,
  pid: number,
  fleets: Fleets,
  lagMs: () => Promise<number>,
  start: () => Promise<() => Promise<number>>,
) {
  await sleep(seconds * 500);
  const idleLagMs = await lagMs(); // resets the histogram: the next read covers the fan-out only
  const before = (await fleets.count()).received;
  const cpu0 = cpuMs(pid);
  const stop = await start();
  await sleep(seconds * 1000);
  const lag = await lagMs();
  const cpuMsPerS = (cpuMs(pid) - cpu0) / seconds;
  const load = os.loadavg()[0]!;
  const sent = await stop();
  await sleep(1000);
  return { idleLagMs, lagMs: lag, sent, delivered: (await fleets.count()).received - before, cpuMsPerS, load };
}
