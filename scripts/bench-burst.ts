// `npm run bench:burst`: the morning dose time (issue 14). BENCH_PATIENTS (20 000) patients with
// sockets, one dose each due at one instant, delivered by one worker process and then by two, each
// run against raw bee-queue measured in the same run (bench:reminders is the measuring script;
// this runs it twice and prints the ratios). Figures and the command: docs/BENCHMARKS.md.
import { spawn } from 'node:child_process';
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
  const push = measurePushCost();
  console.log(
    `# web push per message, this process: payload encryption ${push.encryptMs.toFixed(3)} ms, VAPID signature ${push.vapidMs.toFixed(3)} ms`,
  );
  const one = await run(1);
  const two = await run(2);
  const share = (r: Run) => `${((100 * r.e2e) / r.raw).toFixed(0)} % of raw`;
  console.log(
    `\n# burst of ${N}: one worker ${one.e2e} deliveries/s (${share(one)}); two workers ${two.e2e}/s (${share(two)})`,
  );
  console.log(
    `# two workers / one: ${(two.e2e / one.e2e).toFixed(2)}× (target ≥ 1.3×; raw varied ${(two.raw / one.raw).toFixed(2)}× between the runs)`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
