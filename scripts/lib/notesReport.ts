// `npm run bench:notes`'s report: per phase and run, throughput, submit→steps:ready and 202
// latencies, and the app's and the machine's CPU over the run.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export type Sample = { http: number; e2e: number };
/** CPU time (ms) of the app process and of the whole machine (all cores, busy), from /proc. */
export function cpuNow(pid: number): { app: number; machine: number } {
  const tick = 10; // USER_HZ is 100 on Linux
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const all = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = all.reduce((a, b) => a + b, 0) - all[3]! - all[4]!;
  return { app: (Number(stat[11]) + Number(stat[12])) * tick, machine: busy * tick };
}

export function report(
  kind: string,
  label: string,
  samples: Sample[],
  elapsedMs: number,
  c0: ReturnType<typeof cpuNow>,
  c1: ReturnType<typeof cpuNow>,
) {
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
  };
  const e2e = samples.map((s) => s.e2e),
    http = samples.map((s) => s.http);
  const f = (x: number) => x.toFixed(1);
  console.log(
    `${kind.padEnd(5)} ${label.padEnd(15)} ${samples.length} notes in ${(elapsedMs / 1000).toFixed(2)} s = ${(samples.length / (elapsedMs / 1000)).toFixed(1)} notes/s | ` +
      `submit→steps:ready p50 ${f(pct(e2e, 0.5))} ms p99 ${f(pct(e2e, 0.99))} ms max ${f(Math.max(...e2e))} ms | 202 p50 ${f(pct(http, 0.5))} ms p99 ${f(pct(http, 0.99))} ms | ` +
      `app CPU ${f((c1.app - c0.app) / samples.length)} ms/note (${((100 * (c1.app - c0.app)) / elapsedMs).toFixed(0)}% of a core), ` +
      `machine busy ${((100 * (c1.machine - c0.machine)) / elapsedMs / os.cpus().length).toFixed(0)}%`,
  );
}
