// `npm run bench:burst`: the morning dose time (issue 14). BENCH_PATIENTS (20 000) patients with
// sockets, one dose each due at one instant, delivered by one worker process and then by two, each
// run against raw bee-queue measured in the same run (bench:reminders is the measuring script;
// this runs it twice and prints the ratios). Figures and the command: docs/BENCHMARKS.md.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePushCost } from './lib/pushCost.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = process.env.BENCH_PATIENTS ?? '20000';

interface Run {
  workers: number;
  raw: number;
  e2e: number;
  lines: string[];
}

function run(workers: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-reminders.ts'], {
      cwd: root,
      env: { ...process.env, BENCH_PATIENTS: N, BENCH_WORKERS: String(workers), BENCH_WRITE: '0', BENCH_PUSH: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    let buf = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        console.log(`[${workers} worker${workers > 1 ? 's' : ''}] ${line}`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench:reminders with ${workers} workers exited with ${code}`));
      const num = (re: RegExp) => Number(lines.map((l) => re.exec(l)?.[1]).find((x) => x !== undefined) ?? NaN);
      resolve({
        workers,
        raw: num(/^raw bee-queue: (\d+) jobs\/s/),
        e2e: num(/^end to end: (\d+) deliveries\/s/),
        lines,
      });
    });
  });
}

async function main() {
  const c = measurePushCost();
  const f = (ms: number) => `${ms.toFixed(3)} ms`;
  console.log(
    `# web push per message, this process: payload encryption ${f(c.encryptMs)}, VAPID signature ${f(c.vapidMs)} (once per push service)`,
  );
  console.log(
    `# a dose's text, this process: private key ${f(c.privateKeyMs)}, data key (X25519) ${f(c.dataKeyMs)}, AES-GCM open ${f(c.openMs)}, two action tokens ${f(c.tokensMs)}`,
  );
  // Every delivery pays at least this much CPU, whatever the design, on one of the machine's cores.
  const cap = (os.cpus().length * 1000) / c.deliveryMs;
  console.log(
    `# crypto floor: ${f(c.deliveryMs)} per delivery, so at most ${cap.toFixed(0)} deliveries/s on all ${os.cpus().length} cores doing nothing else`,
  );
  const one = await run(1);
  const two = await run(2);
  const share = (r: Run) => `${((100 * r.e2e) / r.raw).toFixed(0)} % of raw`;
  console.log(
    `\n# burst of ${N}: one worker ${one.e2e} deliveries/s (${share(one)}); two workers ${two.e2e}/s (${share(two)})`,
  );
  console.log(
    `# crypto floor's cap against raw: ${((100 * cap) / one.raw).toFixed(0)} % of the first run's raw bee-queue (target 50 %)`,
  );
  console.log(
    `# two workers / one: ${(two.e2e / one.e2e).toFixed(2)}× (target ≥ 1.3×; raw varied ${(two.raw / one.raw).toFixed(2)}× between the runs)`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
