// Scale-out (DESIGN.md §10) with real processes: two API processes and one worker process
// (`node --import tsx src/main.ts`, ROLE=api ×2 and ROLE=worker) on one PostgreSQL and one Redis.
// The doctor is connected to API 1, the patient to API 2; everything still reaches both.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { testEnv } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { freshDatabase } from '../helpers/freshDatabase.js';
import { freePort } from '../helpers/net.js';
import { sleep } from '../helpers/poll.js';
import { connectSocket } from '../helpers/sockets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DAY = 3000;

/** The run's PostgreSQL database, or one of our own next to TEST_DATABASE_URL; PGlite cannot be shared. */
async function sharedDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env.TEST_PG_URL) return { url: process.env.TEST_PG_URL, drop: async () => {} };
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin)
    throw new Error(
      'scale-out.test.ts needs PostgreSQL (three processes share one database): set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres',
    );
  return freshDatabase(admin, `carebeat_scaleout_${randomBytes(4).toString('hex')}`);
}

interface Proc {
  name: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<unknown>;
}

function startProcess(name: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, child, output: () => out, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

async function waitFor(proc: Proc, ready: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (proc.child.exitCode !== null)
      throw new Error(`${proc.name} exited with ${proc.child.exitCode}: ${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`${proc.name} not ready within ${timeoutMs} ms: ${proc.output()}`);
    await sleep(200);
  }
}

async function stopProcess(proc: Proc) {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 20_000);
  await proc.exited;
  clearTimeout(timer);
}

let db: { url: string; drop(): Promise<void> };
const procs: Proc[] = [];
const urls: string[] = [];
before(async () => {
  db = await sharedDatabase();
  // One environment (master key, data dir with the VAPID keys, Redis prefix, emulator) for all three.
  const env = testEnv({ DATABASE_URL: db.url, SCHEDULE_DAY_MS: String(DAY), LOG_LEVEL: 'info' });
  for (const i of [1, 2]) {
    const port = await freePort();
    procs.push(startProcess(`api${i}`, { ...env, ROLE: 'api', PORT: String(port) }));
    urls.push(`http://127.0.0.1:${port}`);
  }
  procs.push(startProcess('worker', { ...env, ROLE: 'worker' }));
  await Promise.all([
    waitFor(procs[0]!, async () => (await fetch(`${urls[0]}/readyz`)).status === 200),
    waitFor(procs[1]!, async () => (await fetch(`${urls[1]}/readyz`)).status === 200),
    waitFor(procs[2]!, async () => procs[2]!.output().includes('Carebeat worker running')),
  ]);
});
after(async () => {
  await Promise.all(procs.map(stopProcess));
  await db?.drop();
});

test('doctor on API 1, patient on API 2, worker apart: note:new, steps:ready, reminder:due, check-in', async () => {
  const [api1, api2] = urls as [string, string];
  const doctor = await createDoctor(api1);
  const patient = await createPatient(api2, { doctor });
  const ds = await connectSocket(api1, doctor.token);
  const ps = await connectSocket(api2, patient.token);
  try {
    // Processes: API 1 takes the note, the worker extracts and schedules, API 2 serves the patient.
    const sent = await ds.request('note:submit', {
      patientId: patient.id,
      content: 'Take metformin twice daily for 2 days.',
    });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    const noteId = sent.note.id;
    const noteNew = await ps.waitFor('note:new', (p) => p.note.id === noteId, 15_000);
    assert.match(noteNew.note.content, /metformin/);
    const steps = await ps.waitFor('steps:ready', (p) => p.noteId === noteId, 30_000);
    assert.equal(steps.plan[0].requiredCheckins, 4);
    await ds.waitFor('steps:ready', (p) => p.noteId === noteId, 5_000);
    const due = await ps.waitFor('dose:due', (p) => p.dose.planItemId === steps.plan[0].id, DAY + 30_000);
    assert.match(due.dose.text, /metformin/);
    const res = await patient.api.post(`/api/reminders/${due.dose.id}/checkin`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const seen = await ds.waitFor('dose:taken', (p) => p.dose.id === due.dose.id, 10_000);
    assert.equal(seen.planItem.completedCheckins, 1);
    // Each event reached each socket once, even though three processes publish through Redis.
    const ids = [...ps.events, ...ds.events].map((e) => e.payload.eventId);
    assert.equal(new Set(ids).size, ids.length);
    // Stop this plan so it does not keep firing for later test files sharing the database.
    // A replacing plan with nothing to remind of (as needed only).
    const stop = await doctor.api.post(`/api/patients/${patient.id}/notes`, {
      content: 'Use the salbutamol inhaler as needed.',
    });
    await ps.waitFor('plan:cancelled', (p) => p.byNoteId === stop.body.note.id, 30_000);
  } finally {
    ds.close();
    ps.close();
  }
  for (const p of procs) assert.doesNotMatch(p.output(), /"level":(50|60)/, `${p.name} logged an error: ${p.output()}`);
});
