// `npm run bench:floor`: what this machine does with the notes benchmark's parts and none of
// Carebeat's work — the lower bound for `bench:notes`. Same shape: a server child process
// (express + pg + bee-queue + socket.io), this process as the clients (HTTP submits, 64 in
// flight, and connected sockets for the doctor and the patients). Per "note" the server does the
// least the pipeline could: one INSERT (autocommit), one job saved, 202, `note:new` to two rooms;
// the worker (same process, one queue) does one UPDATE and emits `steps:ready` to two rooms.
// No auth check, no encryption, no transaction, no outbox, no audit, no extraction.
// If this skeleton cannot reach a target, no implementation of the issue can on this machine.
// The server parts and the lean variant live in scripts/lib/ (floorServer, floorLean).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { fileURLToPath } from 'node:url';
import { serveLean } from './lib/floorLean.js';
import { DB, listen, parts } from './lib/floorServer.js';

const NOTES = Number(process.env.BENCH_NOTES ?? 2000),
  CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 50);

async function serve(prefix: string) {
  if (process.env.BENCH_FLOOR === 'lean') return serveLean(prefix);
  const pool = new pg.Pool({ connectionString: DB, max: 10 });
  const table = `floor_${prefix}`;
  await pool.query(
    `create table ${table} (id uuid primary key, patient text not null, doctor text not null, content text not null, status text not null default 'pending', created_at timestamptz not null default now())`,
  );
  const { queue, app, http, sio } = parts(prefix);
  app.post('/notes', async (req, res) => {
    const id = randomUUID();
    const { patient, doctor, content } = req.body as Record<string, string>;
    await pool.query(`insert into ${table} (id, patient, doctor, content) values ($1, $2, $3, $4)`, [
      id,
      patient,
      doctor,
      content,
    ]);
    await queue.createJob({ id }).setId(id).save();
    res.status(202).json({ id, status: 'pending' });
    for (const room of [patient!, doctor!]) sio.to(room).emit('note:new', { id, content });
  });
  queue.process(16, async (job) => {
    const { rows } = await pool.query(`update ${table} set status = 'ready' where id = $1 returning patient, doctor`, [
      job.data.id,
    ]);
    for (const room of [rows[0].patient, rows[0].doctor]) sio.to(room).emit('steps:ready', { noteId: job.data.id });
  });
  await listen(http, () => pool.query(`drop table ${table}`).then(() => pool.end()), queue, sio);
}

async function main() {
  const prefix = `floor${Date.now().toString(36)}`;
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve', prefix], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout!.once('data', (d) => resolve(JSON.parse(String(d)).port)),
  );
  const url = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];
  const connect = (user: string) =>
    new Promise<Socket>((r) => {
      const s = io(url, { auth: { user }, transports: ['websocket'] });
      sockets.push(s);
      s.once('connect', () => r(s));
    });
  const doctor = await connect('doctor');
  for (let i = 0; i < PATIENTS; i++) await connect(`patient${i}`);
  // steps:ready can overtake the 202: remember arrivals, wait only for those not yet seen.
  const arrived = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  doctor.on('steps:ready', (e: { noteId: string }) => {
    arrived.set(e.noteId, performance.now());
    waiters.get(e.noteId)?.();
  });
  const submit = async (i: number) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      body: JSON.stringify({
        patient: `patient${i % PATIENTS}`,
        doctor: 'doctor',
        content: 'Take amoxicillin 500mg twice daily for 7 days. Buy a thermometer.',
      }),
    });
    const { id } = (await res.json()) as { id: string };
    if (!arrived.has(id)) await new Promise<void>((r) => waiters.set(id, r));
    return arrived.get(id)! - t0;
  };
  const cpu0 = process.cpuUsage();
  let next = 0;
  const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < NOTES) lat.push(await submit(next++));
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!.toFixed(0);
  console.log(
    `floor: ${NOTES} notes in ${secs.toFixed(2)} s = ${(NOTES / secs).toFixed(1)} notes/s, p50/p99 ${q(0.5)}/${q(0.99)} ms, ` +
      `client CPU ${((cpu.user + cpu.system) / 1000 / NOTES).toFixed(2)} ms/note`,
  );
  for (const s of sockets) s.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

if (process.argv[2] === 'serve') void serve(process.argv[3]!);
else void main();
