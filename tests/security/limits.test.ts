// Limits (issue "Trust"): numeric inputs bounded to PostgreSQL int, sync pages capped, socket
// messages no larger than HTTP bodies, the auth budget failing closed when Redis errors, socket
// handshakes counted per IP before any token is verified, and `trust proxy` from TRUST_PROXY.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { requireEnv, startTestApp, uniqueEmail, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { request, type Reply } from '../helpers/http.js';
import { connectSocket } from '../helpers/sockets.js';
import { eventCursors, notes, users } from '../../src/db/schema.js';

let app: TestApp;
const tally = { tried: 0, refused: 0 };
before(async () => {
  app = await startTestApp();
});
after(async () => {
  await app.stop();
  console.log(`# bad inputs tried: ${tally.tried}, refused: ${tally.refused}`);
});

function refused(res: { status?: number; ok?: boolean; error?: any; body?: any }, status: number, code: string) {
  tally.tried++;
  const error = 'body' in res ? (res as Reply).body?.error : res.error;
  if ('status' in res) assert.equal(res.status, status, JSON.stringify(res.body));
  else assert.equal(res.ok, false);
  assert.equal(error?.code, code, JSON.stringify(error));
  assert.equal(typeof error.message, 'string');
  assert.doesNotMatch(JSON.stringify(error), /\bat .+:\d+:\d+|select |insert /i, 'no stack, no SQL');
  tally.refused++;
}

/** A socket.io handshake from `ip` (as a trusted proxy on loopback would forward it). */
function handshake(url: string, token: string, ip: string): Promise<{ message: string; data?: any }> {
  const socket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { 'x-forwarded-for': ip },
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve({ message: 'connected' });
    });
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.disconnect();
      resolve({ message: err.message, data: err.data });
    });
  });
}

test('seqs above PostgreSQL int and sync limits above 200 → VALIDATION_FAILED; nothing acked', async () => {
  const doctor = await createDoctor(app.url);
  const s = await connectSocket(app.url, doctor.token);
  try {
    for (const data of [
      { afterSeq: 2 ** 31 },
      { afterSeq: Number.MAX_SAFE_INTEGER },
      { afterSeq: 0, limit: 201 },
      { afterSeq: 0, limit: 2 ** 31 },
    ])
      refused(await s.request('sync', data), 400, 'VALIDATION_FAILED');
    for (const data of [{ uptoSeq: 2 ** 31 }, { uptoSeq: 1e300 }])
      refused(await s.request('ack', data), 400, 'VALIDATION_FAILED');
    const [cursor] = await app.ctx.db.select().from(eventCursors).where(eq(eventCursors.userId, doctor.id));
    assert.ok(!cursor || Number(cursor.ackedSeq) === 0, 'no read receipt was written');
    assert.equal((await s.request('sync', { afterSeq: 2 ** 31 - 1, limit: 200 })).ok, true, 'the bounds are valid');
  } finally {
    s.close();
  }
  for (const q of ['before=2147483648', 'before=1e12', 'limit=201', 'limit=99999999999'])
    refused(await doctor.api.get(`/api/patients/${doctor.id}/timeline?${q}`), 400, 'VALIDATION_FAILED');
});

test('sync pages hold 100 events by default; the rest follows through hasMore', async () => {
  const [a, b] = [await createDoctor(app.url), await createDoctor(app.url)];
  const patient = await createPatient(app.url);
  // Each switch is one event for doctor a (assigned or unassigned): 101 of them.
  for (let i = 0; i < 101; i++)
    assert.equal((await patient.api.put('/api/me/doctor', { doctorId: (i % 2 ? b : a).id })).status, 200);
  const s = await connectSocket(app.url, a.token);
  try {
    const first = await s.request('sync', { afterSeq: 0 });
    assert.equal(first.ok, true, JSON.stringify(first).slice(0, 500));
    assert.equal(first.events.length, 100);
    assert.equal(first.hasMore, true);
    const rest = await s.request('sync', { afterSeq: first.events.at(-1).payload.seq });
    assert.equal(rest.events.length, 1);
    assert.equal(rest.hasMore, false);
  } finally {
    s.close();
  }
});

test('a socket message over BODY_LIMIT closes the socket before any handler runs', async () => {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  const s = await connectSocket(app.url, doctor.token);
  // Bounded wait: when the message is accepted, the handler's ack arrives instead of a disconnect.
  const closed = new Promise<string>((resolve) => {
    s.socket.once('disconnect', (reason) => resolve(reason));
    setTimeout(() => resolve('still connected'), 5_000).unref();
  });
  tally.tried++;
  s.socket.emit('note:submit', { patientId: patient.id, content: 'x'.repeat(150 * 1024) }, () => {});
  const reason = await closed;
  s.close();
  assert.match(reason, /transport (close|error)/);
  tally.refused++;
  assert.equal((await app.ctx.db.select().from(notes).where(eq(notes.patientId, patient.id))).length, 0);
});

test('auth budget unreadable (Redis error) → 503 RATE_LIMIT_UNAVAILABLE on HTTP and handshakes; per-user stays open', async () => {
  const ip = '203.0.113.41';
  const prefix = app.config.redisPrefix;
  // A key of the wrong type makes the limiter's Redis command fail, as an outage would.
  await app.ctx.redis.hset(`${prefix}:rl:auth:ip:${ip}`, 'broken', '1');
  const user = await createDoctor(app.url);
  await app.ctx.redis.hset(`${prefix}:rl:user:user:${user.id}`, 'broken', '1');
  try {
    const email = uniqueEmail('closed');
    const res = await request(app.url, 'POST', '/api/auth/signup', {
      body: { name: 'Closed', email, password: 'correct-horse-1', role: 'patient' },
      headers: { 'x-forwarded-for': ip },
    });
    refused(res, 503, 'RATE_LIMIT_UNAVAILABLE');
    assert.equal((await app.ctx.db.select().from(users).where(eq(users.email, email))).length, 0);
    await assert.rejects(app.ctx.auth.admin.getUserByEmail(email));
    const hs = await handshake(app.url, user.token, ip);
    tally.tried++;
    assert.equal(hs.message, 'unavailable');
    assert.equal(hs.data?.code, 'RATE_LIMIT_UNAVAILABLE');
    tally.refused++;
    assert.equal((await user.api.get('/api/me')).status, 200, 'the per-user limiter fails open');
  } finally {
    await app.ctx.redis.del(`${prefix}:rl:auth:ip:${ip}`, `${prefix}:rl:user:user:${user.id}`);
  }
});

test('handshakes are limited per IP before the token is checked; TRUST_PROXY decides the IP', async () => {
  const base = requireEnv('TEST_REDIS_PREFIX');
  const limited = await startTestApp({ RATE_LIMIT_AUTH_PER_MIN: '3', REDIS_PREFIX: `${base}_hs` });
  const untrusting = await startTestApp({
    RATE_LIMIT_AUTH_PER_MIN: '2',
    REDIS_PREFIX: `${base}_tp`,
    TRUST_PROXY: 'false',
  });
  try {
    const doctor = await createDoctor(limited.url);
    for (let i = 0; i < 3; i++)
      assert.equal((await handshake(limited.url, 'bogus', '198.51.100.7')).message, 'unauthorized');
    for (const token of ['bogus', doctor.token]) {
      const hs = await handshake(limited.url, token, '198.51.100.7');
      tally.tried++;
      assert.equal(hs.message, 'rate_limited');
      assert.equal(hs.data?.code, 'RATE_LIMITED');
      tally.refused++;
    }
    assert.equal((await handshake(limited.url, doctor.token, '198.51.100.8')).message, 'connected', 'other IPs');
    // Not trusting the proxy: every forwarded address is the one loopback peer, one budget.
    const login = (ip: string) =>
      request(untrusting.url, 'POST', '/api/auth/login', {
        body: { email: uniqueEmail('tp'), password: 'wrong-horse-1' },
        headers: { 'x-forwarded-for': ip },
      });
    assert.equal((await login('192.0.2.1')).status, 401);
    assert.equal((await login('192.0.2.2')).status, 401);
    refused(await login('192.0.2.3'), 429, 'RATE_LIMITED');
  } finally {
    await limited.stop();
    await untrusting.stop();
  }
});
