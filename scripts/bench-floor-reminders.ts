// `npm run bench:floor-reminders`: the lower bound for `bench:reminders` on this machine. Same
// shape — 1000 patients' sockets in this process, a server child process, every job delayed to one
// moment on a queue with the reminders queue's own options (createQueues) and concurrency:
//  - raw: no-op jobs, measured inside the child (the baseline `bench:reminders` compares with);
//  - floor: each job emits `dose:due` to its patient's room, nothing else;
//  - lean (only what DESIGN requires, cheapest form): the jobs that arrive together are marked due
//    with their outbox rows (per-user seq) in ONE statement, each patient's private key is
//    unwrapped (cold: every patient is new, as in the benchmark), the note's data key unwrapped
//    and the plan text opened, then the event is emitted.
// If lean cannot reach half of raw, no implementation of the target can on this machine.
// The server child lives in scripts/lib/floorRemindersServer.ts; this file is the clients.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { sleep } from '../tests/helpers/poll.js';
import { N, serve, type Mode } from './lib/floorRemindersServer.js';

const LEAD_MS = 3000;

async function run(mode: Mode) {
  const prefix = `floorrem${Date.now().toString(36)}`;
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve', mode, prefix], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const { port } = await new Promise<{ port: number }>((resolve) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]!));
    });
  });
  const sockets: Socket[] = [];
  const received: number[] = [];
  if (mode !== 'raw') {
    for (let i = 0; i < N; i += 50) {
      await Promise.all(
        Array.from(
          { length: Math.min(50, N - i) },
          (_, k) =>
            new Promise<void>((r) => {
              const s = io(`http://127.0.0.1:${port}`, {
                auth: { room: `p${i + k}` },
                transports: ['websocket'],
                forceNew: true,
                reconnection: false,
              });
              sockets.push(s);
              s.on('dose:due', () => received.push(Date.now()));
              s.once('connect', () => r());
            }),
        ),
      );
    }
  }
  const dueAt = Date.now() + LEAD_MS;
  child.send({ schedule: dueAt });
  const deadline = dueAt + 60_000;
  let doneAt: number[] = [];
  if (mode === 'raw') {
    await sleep(LEAD_MS + 3000);
  } else {
    while (received.length < N && Date.now() < deadline) await sleep(20);
  }
  child.send({ stop: true });
  doneAt = await new Promise<number[]>((r) =>
    child.on('message', (m: { doneAt?: number[] }) => {
      if (m.doneAt) r(m.doneAt);
    }),
  );
  const times = mode === 'raw' ? doneAt : received;
  for (const s of sockets) s.close();
  await new Promise((r) => child.once('exit', r));
  const late = times.map((t) => t - dueAt).sort((a, b) => a - b);
  const perSec = (times.length / (Math.max(...times) - dueAt)) * 1000;
  return { perSec, count: times.length, p99: late[Math.ceil(0.99 * late.length) - 1] };
}

async function main() {
  const modes = (process.env.BENCH_MODES ?? 'raw,floor,lean').split(',') as Mode[];
  const out: Record<string, number> = {};
  for (const mode of modes) {
    const r = await run(mode);
    out[mode] = r.perSec;
    const ratio = out.raw ? ` (${((100 * r.perSec) / out.raw).toFixed(0)} % of raw)` : '';
    console.log(
      `${mode.padEnd(5)} ${r.count}/${N} in time, ${r.perSec.toFixed(0)}/s${ratio}, lateness p99 ${r.p99} ms`,
    );
  }
}

if (process.argv[2] === 'serve') void serve(process.argv[3] as Mode, process.argv[4]!);
else void main();
