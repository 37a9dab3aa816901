// `npm run bench:reminders`'s report: the end-to-end figures from what the sockets received, the
// targets, and the table in docs/BENCHMARKS.md (unless BENCH_WRITE=0).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registry } from '../../src/workers/registry.js';
import { pct, RAW_CONCURRENCY, type rawBaseline } from './reminderSetup.js';

/** One `dose:due` as a patient's socket saw it. */
export interface Delivery {
  id: string;
  attempt: number;
  lateMs: number;
  at: number;
}

export interface Burst {
  N: number;
  dueAt: Date;
  received: Delivery[];
  /** App CPU (ms, all its processes) from the burst being queued until every reminder arrived or time ran out. */
  cpu: number;
  raw: Awaited<ReturnType<typeof rawBaseline>>;
  root: string;
}

export function reportBurst({ N, dueAt, received, cpu, raw, root }: Burst) {
  const firsts = received.filter((r) => r.attempt === 1);
  const keys = received.map((r) => `${r.id}:${r.attempt}`);
  const lost = N - new Set(firsts.map((r) => r.id)).size;
  const doubled = keys.length - new Set(keys).size;
  const last = Math.max(...firsts.map((r) => r.at));
  const e2e = {
    perSec: firsts.length / Math.max(1, (last - dueAt.getTime()) / 1000),
    p50: pct(
      firsts.map((r) => r.lateMs),
      50,
    ),
    p99: pct(
      firsts.map((r) => r.lateMs),
      99,
    ),
    lost,
    doubled,
  };
  console.log(
    `end to end: ${e2e.perSec.toFixed(0)} deliveries/s (${((100 * e2e.perSec) / raw.perSec).toFixed(0)} % of raw), lateness p50 ${e2e.p50} ms, p99 ${e2e.p99} ms, lost ${lost}, doubled ${doubled}, app CPU ${(cpu / N).toFixed(2)} ms per delivery`,
  );
  if (process.env.BENCH_DEBUG)
    console.log(
      'lateness min',
      Math.min(...firsts.map((r) => r.lateMs)),
      'by 250 ms:',
      JSON.stringify(
        Object.entries(
          firsts.reduce((m: Record<number, number>, r) => {
            const b = Math.floor(r.lateMs / 250) * 250;
            m[b] = (m[b] ?? 0) + 1;
            return m;
          }, {}),
        ),
      ),
    );
  const ok = { ratio: e2e.perSec >= raw.perSec / 2, p99: e2e.p99 <= 1500, lost: lost === 0, doubled: doubled === 0 };
  console.log(
    `targets: e2e ≥ 50 % of raw ${ok.ratio ? 'met' : 'MISSED'}; p99 ≤ 1.5 s ${ok.p99 ? 'met' : 'MISSED'}; zero lost ${ok.lost ? 'met' : 'MISSED'}; zero doubled ${ok.doubled ? 'met' : 'MISSED'}`,
  );
  if (process.env.BENCH_WRITE !== '0') {
    writeFigures(path.join(root, 'docs/BENCHMARKS.md'), [
      `Last run: ${new Date().toISOString()}, ${os.cpus().length} cores, \`npm run bench:reminders\`, ${N} patients, sweeps: ${registry.reminders.concurrency} at a time per worker, raw bee-queue at ${RAW_CONCURRENCY}.`,
      '',
      '| measurement | throughput | lateness p50 | lateness p99 | lost | doubled |',
      '|---|---|---|---|---|---|',
      `| raw bee-queue, ${N} no-op delayed jobs | ${raw.perSec.toFixed(0)} jobs/s | ${raw.p50} ms | ${raw.p99} ms | ${N - raw.processed} | – |`,
      `| end to end, ${N} reminders → sockets | ${e2e.perSec.toFixed(0)} deliveries/s (${((100 * e2e.perSec) / raw.perSec).toFixed(0)} % of raw) | ${e2e.p50} ms | ${e2e.p99} ms | ${lost} | ${doubled} |`,
      '',
      `App CPU during the burst: ${(cpu / N).toFixed(2)} ms per delivery.`,
    ]);
  }
}

/** Replaces the figures between the markers of the Reminders section; adds the section if missing. */
function writeFigures(file: string, lines: string[]) {
  const [start, end] = ['<!-- bench:reminders:start -->', '<!-- bench:reminders:end -->'];
  const block = [start, ...lines, end].join('\n');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = text.indexOf(start);
  const next =
    at >= 0
      ? text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length)
      : `${text.trimEnd()}\n\n## Reminders\n\n${block}\n`;
  writeFileSync(file, next);
}
