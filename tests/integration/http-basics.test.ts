// HTTP basics: health, readiness, metrics, security headers, body limit, JSON-only errors, and
// the rate limits (per IP on auth routes, per user on HTTP and socket commands).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { requireEnv, startTestApp, uniqueEmail, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { request, type Reply } from '../helpers/http.js';
import { connectSocket } from '../helpers/sockets.js';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(async () => {
  await app.stop();
});

function assertJsonError(res: Reply, status: number, code: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(res.body.error.code, code);
  assert.equal(typeof res.body.error.message, 'string');
  assert.doesNotMatch(JSON.stringify(res.body), /<html|<!DOCTYPE|\bat .+:\d+:\d+/i, 'no HTML, no stack trace');
}

test('/healthz 200, /readyz 200 with db and redis true', async () => {
  const health = await request(app.url, 'GET', '/healthz');
  assert.equal(health.status, 200);
  assert.deepEqual(health.body, { ok: true });
  const ready = await request(app.url, 'GET', '/readyz');
  assert.equal(ready.status, 200);
  assert.deepEqual(ready.body, { ok: true, db: true, redis: true });
});

test('/metrics is Prometheus text with the HTTP duration histogram', async () => {
  await request(app.url, 'GET', '/healthz');
  const res = await request(app.url, 'GET', '/metrics');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  assert.equal(typeof res.body, 'string');
  assert.match(res.body, /^# TYPE carebeat_http_request_duration_seconds histogram$/m);
  assert.match(res.body, /^carebeat_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} \d+/m);
  assert.match(res.body, /^process_cpu_user_seconds_total /m);
});

test('helmet headers on normal and error responses; no x-powered-by', async () => {
  for (const path of ['/healthz', '/api/nothing-here', '/no-such-page']) {
    const res = await request(app.url, 'GET', path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN', path);
    assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d+/, path);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/, path);
    assert.ok(res.headers.get('cross-origin-opener-policy'), path);
    assert.equal(res.headers.get('x-powered-by'), null, path);
  }
});

test('a body over the limit → 413 JSON error', async () => {
  const big = { name: 'x'.repeat(200 * 1024), email: uniqueEmail('big'), password: 'correct-horse-1', role: 'patient' };
  assertJsonError(await request(app.url, 'POST', '/api/auth/signup', { body: big }), 413, 'PAYLOAD_TOO_LARGE');
  const doctor = await createDoctor(app.url);
  assertJsonError(
    await request(app.url, 'PUT', '/api/me/doctor', {
      token: doctor.token,
      body: { doctorId: 'y'.repeat(200 * 1024) },
    }),
    413,
    'PAYLOAD_TOO_LARGE',
  );
});

test('unknown routes → 404 JSON, never HTML', async () => {
  const doctor = await createDoctor(app.url);
  assertJsonError(await doctor.api.get('/api/no-such-route'), 404, 'NOT_FOUND');
  assertJsonError(await doctor.api.del('/api/me'), 404, 'NOT_FOUND');
  assertJsonError(await doctor.api.post('/api/auth/nope', {}), 404, 'NOT_FOUND');
  assertJsonError(await request(app.url, 'GET', '/no-such-page'), 404, 'NOT_FOUND');
  // Without a token the API does not say which routes exist: 401, still JSON.
  assertJsonError(await request(app.url, 'GET', '/api/no-such-route'), 401, 'UNAUTHORIZED');
});

test('the demo shell is served at /', async () => {
  const res = await request(app.url, 'GET', '/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
});

test('auth routes are rate limited per IP: the 4th attempt → 429 with Retry-After', async () => {
  const limited = await startTestApp({
    RATE_LIMIT_AUTH_PER_MIN: '3',
    REDIS_PREFIX: `${requireEnv('TEST_REDIS_PREFIX')}_rl`,
  });
  try {
    const creds = { email: uniqueEmail('rl'), password: 'wrong-horse-1' };
    for (let i = 0; i < 3; i++)
      assertJsonError(
        await request(limited.url, 'POST', '/api/auth/login', { body: creds }),
        401,
        'INVALID_CREDENTIALS',
      );
    const fourth = await request(limited.url, 'POST', '/api/auth/login', { body: creds });
    assertJsonError(fourth, 429, 'RATE_LIMITED');
    const retryAfter = Number(fourth.headers.get('retry-after'));
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
      `Retry-After ${fourth.headers.get('retry-after')}`,
    );
    // The budget is per IP across auth routes: signup from the same address is refused too, and
    // nothing was created.
    const email = uniqueEmail('rl');
    assertJsonError(
      await request(limited.url, 'POST', '/api/auth/signup', {
        body: { name: 'N', email, password: 'correct-horse-1', role: 'patient' },
      }),
      429,
      'RATE_LIMITED',
    );
    await assert.rejects(limited.ctx.auth.admin.getUserByEmail(email));
    // Other routes are not affected by the auth budget.
    assert.equal((await request(limited.url, 'GET', '/healthz')).status, 200);
  } finally {
    await limited.stop();
  }
});

test('per-user limit: 429 on HTTP and RATE_LIMITED on socket commands; other users unaffected', async () => {
  const limited = await startTestApp({
    RATE_LIMIT_USER_PER_MIN: '3',
    REDIS_PREFIX: `${requireEnv('TEST_REDIS_PREFIX')}_ru`,
  });
  try {
    const a = await createPatient(limited.url);
    const b = await createDoctor(limited.url);
    const c = await createPatient(limited.url);
    for (let i = 0; i < 3; i++) assert.equal((await a.api.get('/api/me')).status, 200);
    const over = await a.api.get('/api/doctors');
    assertJsonError(over, 429, 'RATE_LIMITED');
    assert.ok(Number(over.headers.get('retry-after')) >= 1);
    assert.equal((await c.api.get('/api/me')).status, 200, 'another user still has budget');

    const s = await connectSocket(limited.url, b.token);
    try {
      for (let i = 0; i < 3; i++) assert.equal((await s.request('sync', { afterSeq: 0 })).ok, true);
      const reply = await s.request('sync', { afterSeq: 0 });
      assert.equal(reply.ok, false);
      assert.equal(reply.error.code, 'RATE_LIMITED');
      // HTTP and socket share the user's budget.
      assertJsonError(await b.api.get('/api/me'), 429, 'RATE_LIMITED');
    } finally {
      s.close();
    }
  } finally {
    await limited.stop();
  }
});
