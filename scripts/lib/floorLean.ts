// BENCH_FLOOR=lean for `npm run bench:floor`: the floor server plus the cheapest form of the
// work DESIGN requires of every note.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { generateMasterKey, generateUserKeyPair, parseKeyring, unwrapDataKey } from '../../src/crypto/index.js';
import { extractByRules } from '../../src/extraction/index.js';
import { openNote, privateKeyFromWrap, sealNote, sealStep } from '../../src/sealed/cipher.js';
import { DB, listen, parts } from './floorServer.js';

/**
 * BENCH_FLOOR=lean: the floor plus the work DESIGN requires of every note, each in its cheapest
 * form — the note sealed (AES-GCM, two X25519 wraps), stored with its two outbox events (per-user
 * seq) and its chained audit row in ONE autocommit statement; the worker claims (one statement,
 * audited), unwraps and opens the note, runs the rules extractor, seals the steps and stores them
 * with the note's status, the cancellation of earlier steps, two events and an audit row in ONE
 * more statement. Still no auth check, no zod, no ORM, no socket rendering.
 */
export async function serveLean(prefix: string) {
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
