// `npm run bench:floor-reminders`'s server child: BENCH_PATIENTS reminder jobs due at one moment
// on a queue with the reminders queue's own options and concurrency, handled per mode (raw,
// floor, lean; see the entry script). Takes `schedule` and `stop` from the parent over IPC.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';
import type { Config } from '../../src/config.js';
import {
  generateMasterKey,
  generateUserKeyPair,
  parseKeyring,
  unwrapDataKey,
  unwrapPrivateKey,
} from '../../src/crypto/index.js';
import { createQueues, closeQueues, saveUnique } from '../../src/jobs/queues.js';
import { RAW_CONCURRENCY } from './reminderSetup.js';
import { openStep, sealNote, sealStep } from '../../src/sealed/cipher.js';
import { listenOnFreePort } from '../../tests/helpers/net.js';

export const N = Number(process.env.BENCH_PATIENTS ?? 1000);
const DB =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export type Mode = 'raw' | 'floor' | 'lean';

export async function serve(mode: Mode, prefix: string) {
  const config = { redisUrl: REDIS, redisPrefix: prefix } as Config;
  const worker = createQueues(config, true),
    producer = createQueues(config, false);
  const http = createServer();
  const sio = new Server(http);
  sio.on('connection', (s) => void s.join(String(s.handshake.auth.room)));
  const pool = new pg.Pool({ connectionString: DB, max: 10 });
  const S = `leanrem_${prefix}`;
  const ring = parseKeyring(generateMasterKey(), 1);
  const rows = new Map<
    string,
    { patient: string; wrapped: string; noteId: string; wk: string; itemId: string; item: ReturnType<typeof sealStep> }
  >();
  if (mode === 'lean') {
    await pool.query(`create schema ${S};
      create table ${S}.occ (id uuid primary key, patient uuid not null, status text not null default 'scheduled', attempts int not null default 0);
      create table ${S}.cursors (user_id uuid primary key, last_seq int not null);
      create table ${S}.events (id bigserial primary key, user_id uuid not null, seq int not null, type text not null, payload jsonb not null, unique (user_id, seq));`);
    // Setup, not measured: each patient's key pair, a sealed note key and plan text, one reminder.
    for (let i = 0; i < N; i++) {
      const patient = randomUUID(),
        noteId = randomUUID(),
        occ = randomUUID(),
        itemId = randomUUID();
      const keys = generateUserKeyPair(ring);
      const { wrappedKeys, dek } = sealNote(noteId, patient, 'x', [{ id: patient, publicKey: keys.publicKey }]);
      rows.set(occ, {
        patient,
        wrapped: keys.wrappedPrivateKey,
        noteId,
        wk: wrappedKeys[patient]!,
        itemId,
        item: sealStep(dek, noteId, patient, 'plan', itemId, `Take amoxicillin 500mg (#${i})`),
      });
    }
    await pool.query(`insert into ${S}.occ (id, patient) select * from unnest($1::uuid[], $2::uuid[])`, [
      [...rows.keys()],
      [...rows.values()].map((r) => r.patient),
    ]);
  }
  const markDue = `with o as (update ${S}.occ set status = 'due', attempts = 1 where id = any($1::uuid[]) and status = 'scheduled' returning id, patient),
    c as (insert into ${S}.cursors (user_id, last_seq) select patient, 1 from o on conflict (user_id) do update set last_seq = ${S}.cursors.last_seq + 1 returning user_id, last_seq)
    insert into ${S}.events (user_id, seq, type, payload) select c.user_id, c.last_seq, 'dose:due', jsonb_build_object('reminderId', o.id) from c join o on o.patient = c.user_id returning user_id`;
  let batch: Array<{ id: string; done: (ok: boolean) => void }> = [];
  const flush = async () => {
    const mine = batch;
    batch = [];
    const { rows: marked } = await pool.query({ name: 'due', text: markDue, values: [mine.map((j) => j.id)] });
    const ok = new Set(marked.map((r: { user_id: string }) => r.user_id));
    for (const j of mine) j.done(ok.has(rows.get(j.id)!.patient));
  };
  const doneAt: number[] = [];
  const rooms = new Map<string, number>();
  worker.reminders.process(RAW_CONCURRENCY, async (job) => {
    // The floor's own payload: one job per reminder, the cheapest form (not the product's sweeps).
    const { reminderId, attempt } = job.data as unknown as { reminderId: string; attempt: number };
    if (mode === 'raw') {
      doneAt.push(Date.now());
      return 'noop';
    }
    const room = rooms.get(reminderId)!;
    let text = 'Take your medication';
    if (mode === 'lean') {
      const marked = await new Promise<boolean>((done) => {
        if (batch.push({ id: reminderId, done }) === 1) setImmediate(() => void flush());
      });
      if (!marked) return 'skipped';
      const r = rows.get(reminderId)!;
      const dek = unwrapDataKey(r.wk, unwrapPrivateKey(ring, r.wrapped), { noteId: r.noteId, recipientId: r.patient });
      text = openStep(dek, 'plan', { id: r.itemId, noteId: r.noteId, patientId: r.patient, ...r.item });
    }
    sio.to(`p${room}`).emit('dose:due', {
      dose: { id: reminderId, attempts: attempt, text, dueAt: (job.data as { dueAt?: string }).dueAt },
    });
    return 'delivered';
  });
  await worker.reminders.ready();
  const port = await listenOnFreePort(http);
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.on('message', async (m: { schedule?: number; stop?: boolean }) => {
    if (m.schedule) {
      const ids = mode === 'lean' ? [...rows.keys()] : Array.from({ length: N }, () => randomUUID());
      const at = new Date(m.schedule);
      for (let i = 0; i < ids.length; i += 100) {
        await Promise.all(
          ids
            .slice(i, i + 100)
            .map((id) =>
              saveUnique(
                producer.reminders,
                `reminder:${id}:1`,
                { reminderId: id, attempt: 1, dueAt: at.toISOString() } as never,
                { at, timeoutMs: 30_000 },
              ),
            ),
        );
      }
      // Rooms follow the order the jobs were scheduled in, so patient socket i gets reminder i.
      for (const [i, id] of ids.entries()) rooms.set(id, i);
      process.send!({ scheduled: true });
    }
    if (m.stop) {
      process.send!({ doneAt });
      await closeQueues(worker);
      await closeQueues(producer);
      sio.close();
      if (mode === 'lean') await pool.query(`drop schema ${S} cascade`);
      await pool.end();
      process.exit(0);
    }
  });
}
