// `npm run bench:floor`: what this machine does with the notes benchmark's parts and none of
// Carebeat's work — the lower bound for `bench:notes`. Same shape: a server child process
// (express + pg + bee-queue + socket.io), this process as the clients (HTTP submits, 64 in
// flight, and connected sockets for the doctor and the patients). Per "note" the server does the
// least the pipeline could: one INSERT (autocommit), one job saved, 202, `note:new` to two rooms;
// the worker (same process, one queue) does one UPDATE and emits `steps:ready` to two rooms.
// No auth check, no encryption, no transaction, no outbox, no audit, no extraction.
// If this skeleton cannot reach a target, no implementation of the issue can on this machine.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import BeeQueue from 'bee-queue';
import express from 'express';
import pg from 'pg';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { fileURLToPath } from 'node:url';
import { generateMasterKey, generateUserKeyPair, parseKeyring, unwrapDataKey } from '../src/crypto/index.js';
import { extractByRules } from '../src/extraction/index.js';
import { openNote, privateKeyFromWrap, sealNote, sealStep } from '../src/sealed/cipher.js';
import { listenOnFreePort } from '../tests/helpers/net.js';

const NOTES = Number(process.env.BENCH_NOTES ?? 2000),
  CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 50);
const DB =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The server child's parts: a queue, express with JSON bodies, socket.io (a socket joins the room it names). */
function parts(prefix: string) {
  const queue = new BeeQueue<{ id: string }>('floor', {
    prefix,
    redis: { url: REDIS } as never,
    getEvents: false,
    sendEvents: false,
    removeOnSuccess: true,
    activateDelayedJobs: true,
  });
  const app = express();
  app.use(express.json());
  const http = createServer(app);
  const sio = new Server(http);
  sio.on('connection', (s) => void s.join(String(s.handshake.auth.user)));
  return { queue, app, http, sio };
}

/** Listens, tells the parent its port, and cleans up on SIGTERM. */
async function listen(
  http: ReturnType<typeof createServer>,
  dropData: () => Promise<unknown>,
  queue: BeeQueue<{ id: string }>,
  sio: Server,
) {
  const port = await listenOnFreePort(http);
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.once('SIGTERM', async () => {
    await queue.close();
    sio.close();
    await dropData();
    process.exit(0);
  });
}

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

/**
 * BENCH_FLOOR=lean: the floor plus the work DESIGN requires of every note, each in its cheapest
 * form — the note sealed (AES-GCM, two X25519 wraps), stored with its two outbox events (per-user
 * seq) and its chained audit row in ONE autocommit statement; the worker claims (one statement,
 * audited), unwraps and opens the note, runs the rules extractor, seals the steps and stores them
 * with the note's status, the cancellation of earlier steps, two events and an audit row in ONE
 * more statement. Still no auth check, no zod, no ORM, no socket rendering.
 */
async function serveLean(prefix: string) {
  const pool = new pg.Pool({ connectionString: DB, max: 10 });
  const S = `lean_${prefix}`;
  await pool.query(`create schema ${S}; set search_path to ${S};
    create table ${S}.users (id uuid primary key, public_key text not null, wrapped text not null);
    create table ${S}.notes (id uuid primary key, patient uuid not null, doctor uuid not null, ciphertext text, iv text, tag text, wrapped_keys jsonb, status text not null default 'pending', created_at timestamptz not null default clock_timestamp());
    create index on ${S}.notes (patient, created_at);
    create table ${S}.steps (id uuid primary key, note uuid not null, patient uuid not null, kind text, ciphertext text, iv text, tag text, status text not null default 'open');
    create index on ${S}.steps (note);
    create table ${S}.cursors (user_id uuid primary key, last_seq int not null);
    create table ${S}.events (id bigserial primary key, user_id uuid not null, seq int not null, type text not null, payload jsonb not null, unique (user_id, seq));
    create table ${S}.audit_head (id int primary key, prev text, hash text not null); insert into ${S}.audit_head values (1, null, repeat('0', 64));
    create table ${S}.audit (id bigserial primary key, actor uuid, action text, subject text, at timestamptz default now(), prev text, hash text);`);
  const ring = parseKeyring(generateMasterKey(), 1);
  const keys = new Map<string, { id: string; publicKey: string; wrappedPrivateKey: string }>();
  const rooms = new Map<string, string>(); // user id → the room (client name) its sockets joined
  const userFor = async (name: string) => {
    let u = keys.get(name);
    if (!u) {
      u = { id: randomUUID(), ...generateUserKeyPair(ring) };
      keys.set(name, u);
      rooms.set(u.id, name);
      await pool.query(`insert into ${S}.users values ($1, $2, $3)`, [u.id, u.publicKey, u.wrappedPrivateKey]);
    }
    return u;
  };
  const bump = (who: string) =>
    `c as (insert into ${S}.cursors (user_id, last_seq) values (${who}) on conflict (user_id) do update set last_seq = ${S}.cursors.last_seq + 1 returning user_id, last_seq)`;
  const auditCte = `h as (update ${S}.audit_head set prev = hash, hash = encode(sha256(convert_to(hash || $9::text, 'UTF8')), 'hex') where id = 1 returning prev, hash)`;
  const submitSql = `with n as (insert into ${S}.notes (id, patient, doctor, ciphertext, iv, tag, wrapped_keys) values ($1, $2, $3, $4, $5, $6, $7) returning id),
    ${bump('$2::uuid, 1), ($3::uuid, 1')},
    e as (insert into ${S}.events (user_id, seq, type, payload) select user_id, last_seq, 'note:new', $8::jsonb from c),
    ${auditCte}
    insert into ${S}.audit (actor, action, subject, prev, hash) select $3, 'note.write', $1, prev, hash from h`;
  const claimSql = `with n as (update ${S}.notes set status = 'processing' where id = $1 and status in ('pending', 'processing') returning *),
    h as (update ${S}.audit_head set prev = hash, hash = encode(sha256(convert_to(hash || $2::text, 'UTF8')), 'hex') where id = 1 and exists (select 1 from n) returning prev, hash),
    a as (insert into ${S}.audit (actor, action, subject, prev, hash) select null, 'note.decrypt', $1, prev, hash from h)
    select n.*, u.wrapped from n join ${S}.users u on u.id = n.patient`;
  const storeSql = `with s as (insert into ${S}.steps (id, note, patient, kind, ciphertext, iv, tag) select id, $1, $2, kind, ciphertext, iv, tag from jsonb_to_recordset($4::jsonb) as x(id uuid, kind text, ciphertext text, iv text, tag text)),
    u as (update ${S}.notes set status = 'ready' where id = $1 and status = 'processing' returning id),
    x as (update ${S}.steps set status = 'cancelled' where status = 'open' and note in (select id from ${S}.notes where patient = $2 and created_at < (select created_at from ${S}.notes where id = $1))),
    ${bump('$2::uuid, 1), ($3::uuid, 1')},
    e as (insert into ${S}.events (user_id, seq, type, payload) select user_id, last_seq, 'steps:ready', $5::jsonb from c),
    ${auditCte.replace('$9', '$6')}
    insert into ${S}.audit (actor, action, subject, prev, hash) select null, 'steps.store', $1, prev, hash from h`;
  const { queue, app, http, sio } = parts(prefix);
  app.post('/notes', async (req, res) => {
    const id = randomUUID();
    const { content } = req.body as Record<string, string>;
    const patient = await userFor(req.body.patient),
      doctor = await userFor(req.body.doctor);
    const { sealed, wrappedKeys } = sealNote(id, patient.id, content!, [doctor, patient]);
    await pool.query({
      name: 'submit',
      text: submitSql,
      values: [
        id,
        patient.id,
        doctor.id,
        sealed.ciphertext,
        sealed.iv,
        sealed.tag,
        wrappedKeys,
        JSON.stringify({ note: { id } }),
        `|${doctor.id}|note.write|${id}`,
      ],
    });
    await queue.createJob({ id }).setId(id).save();
    res.status(202).json({ id, status: 'pending' });
    for (const room of [req.body.patient, req.body.doctor]) sio.to(room).emit('note:new', { id, content });
  });
  queue.process(16, async (job) => {
    const {
      rows: [n],
    } = await pool.query({ name: 'claim', text: claimSql, values: [job.data.id, `|-|note.decrypt|${job.data.id}`] });
    if (!n) return;
    const dek = unwrapDataKey(n.wrapped_keys[n.patient], privateKeyFromWrap(ring, n.wrapped), {
      noteId: n.id,
      recipientId: n.patient,
    });
    const steps = extractByRules(
      openNote(dek, { id: n.id, patientId: n.patient, ciphertext: n.ciphertext, iv: n.iv, tag: n.tag }),
    );
    const items = [
      ...steps.checklist.map((i) => ({ kind: 'checklist' as const, text: i.text })),
      ...steps.plan.map((i) => ({ kind: 'plan' as const, text: i.text })),
    ].map((i) => {
      const id = randomUUID();
      return { id, kind: i.kind, text: i.text, ...sealStep(dek, n.id, n.patient, i.kind, id, i.text) };
    });
    await pool.query({
      name: 'store',
      text: storeSql,
      values: [
        n.id,
        n.patient,
        n.doctor,
        JSON.stringify(items.map(({ text: _t, ...rest }) => rest)),
        JSON.stringify({ noteId: n.id, items: items.map((i) => i.id) }),
        `|-|steps.store|${n.id}`,
      ],
    });
    for (const room of [rooms.get(n.patient)!, rooms.get(n.doctor)!]) {
      sio
        .to(room)
        .emit('steps:ready', { noteId: n.id, steps: items.map((i) => ({ id: i.id, kind: i.kind, text: i.text })) });
    }
  });
  await listen(http, () => pool.query(`drop schema ${S} cascade`).then(() => pool.end()), queue, sio);
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
