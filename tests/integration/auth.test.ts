// Identity through HTTP: signup, login, refresh against the real Auth Emulator, every invalid body
// answered with the error shape, and no half-made account after a rejected signup.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { startTestApp, uniqueEmail, type TestApp } from '../helpers/app.js';
import { request, type Reply } from '../helpers/http.js';
import { users } from '../../src/db/schema.js';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(async () => {
  await app.stop();
});

const password = 'correct-horse-1';
const post = (path: string, body: unknown) => request(app.url, 'POST', path, { body });

function assertError(res: Reply, status: number, code: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(res.body.error.code, code);
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.message.length > 0);
  assert.doesNotMatch(JSON.stringify(res.body), /\bat .+:\d+:\d+|<html/i, 'no stack trace or HTML');
}

/** A rejected signup leaves nothing behind: no profile row and no Firebase account. */
async function assertNoAccount(email: string): Promise<void> {
  const rows = await app.ctx.db.select().from(users).where(eq(users.email, email.toLowerCase()));
  assert.equal(rows.length, 0, `no user row for ${email}`);
  await assert.rejects(
    app.ctx.auth.admin.getUserByEmail(email.toLowerCase()),
    (err: any) => err.code === 'auth/user-not-found',
  );
}

function assertSession(session: any): void {
  assert.equal(typeof session.idToken, 'string');
  assert.ok(session.idToken.split('.').length === 3, 'idToken is a JWT');
  assert.equal(typeof session.refreshToken, 'string');
  assert.ok(session.refreshToken.length > 0);
  assert.equal(typeof session.expiresIn, 'number');
  assert.ok(session.expiresIn > 0);
}

for (const role of ['doctor', 'patient'] as const) {
  test(`signup of a ${role}: 201, user shape, session, profile row and Firebase account with the role claim`, async () => {
    const email = uniqueEmail(role);
    const res = await post('/api/auth/signup', { name: `Dr ${role}`, email, password, role });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const { user, session } = res.body;
    assert.deepEqual(Object.keys(user).sort(), ['email', 'id', 'name', 'role']);
    assert.match(user.id, /^[0-9a-f-]{36}$/);
    assert.equal(user.name, `Dr ${role}`);
    assert.equal(user.email, email);
    assert.equal(user.role, role);
    assertSession(session);
    const [row] = await app.ctx.db.select().from(users).where(eq(users.id, user.id));
    assert.equal(row?.role, role);
    assert.ok(row!.publicKey && row!.wrappedPrivateKey, 'key pair stored');
    const fb = await app.ctx.auth.admin.getUserByEmail(email);
    assert.equal(fb.uid, row!.firebaseUid);
    assert.equal(fb.customClaims?.role, role);
    const me = await request(app.url, 'GET', '/api/me', { token: session.idToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.id, user.id);
  });
}

test('login 200 with the same user; wrong password and unknown email 401', async () => {
  const email = uniqueEmail('doctor');
  const signup = await post('/api/auth/signup', { name: 'Dr Login', email, password, role: 'doctor' });
  assert.equal(signup.status, 201);
  const ok = await post('/api/auth/login', { email, password });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.user, signup.body.user);
  assertSession(ok.body.session);
  // The email is matched case-insensitively, as at signup.
  const upper = await post('/api/auth/login', { email: email.toUpperCase(), password });
  assert.equal(upper.status, 200);
  assertError(await post('/api/auth/login', { email, password: 'wrong-horse-1' }), 401, 'INVALID_CREDENTIALS');
  assertError(await post('/api/auth/login', { email: uniqueEmail('nobody'), password }), 401, 'INVALID_CREDENTIALS');
});

test('duplicate email 409, also with different case; the first account stays intact', async () => {
  const email = uniqueEmail('patient');
  const first = await post('/api/auth/signup', { name: 'First', email, password, role: 'patient' });
  assert.equal(first.status, 201);
  assertError(
    await post('/api/auth/signup', { name: 'Second', email, password: 'another-pass-2', role: 'doctor' }),
    409,
    'EMAIL_TAKEN',
  );
  assertError(
    await post('/api/auth/signup', { name: 'Third', email: email.toUpperCase(), password, role: 'patient' }),
    409,
    'EMAIL_TAKEN',
  );
  const rows = await app.ctx.db.select().from(users).where(eq(users.email, email));
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.name, 'First');
  const fb = await app.ctx.auth.admin.getUserByEmail(email);
  assert.equal(fb.uid, rows[0]!.firebaseUid);
  // The original password still works: the rejected signups changed nothing.
  assert.equal((await post('/api/auth/login', { email, password })).status, 200);
});

test('concurrent signups with one email: exactly one account', async () => {
  const email = uniqueEmail('race');
  const replies = await Promise.all(
    [0, 1, 2].map((i) => post('/api/auth/signup', { name: `Racer ${i}`, email, password, role: 'patient' })),
  );
  assert.deepEqual(replies.map((r) => r.status).sort(), [201, 409, 409]);
  for (const r of replies.filter((x) => x.status === 409)) assertError(r, 409, 'EMAIL_TAKEN');
  const rows = await app.ctx.db.select().from(users).where(eq(users.email, email));
  assert.equal(rows.length, 1);
  assert.equal((await app.ctx.auth.admin.getUserByEmail(email)).uid, rows[0]!.firebaseUid);
});

const valid = () => ({ name: 'Val Id', email: uniqueEmail('invalid'), password, role: 'patient' });
const invalidBodies: Array<[string, (b: Record<string, unknown>) => unknown, string]> = [
  ['missing name', ({ name: _n, ...b }) => b, 'name'],
  ['missing password', ({ password: _p, ...b }) => b, 'password'],
  ['unknown extra field', (b) => ({ ...b, isAdmin: true }), ''],
  ['bad email', (b) => ({ ...b, email: 'not-an-email' }), 'email'],
  ['short password', (b) => ({ ...b, password: 'short' }), 'password'],
  ['bad role', (b) => ({ ...b, role: 'admin' }), 'role'],
  ['name is a number', (b) => ({ ...b, name: 42 }), 'name'],
  ['password is an array', (b) => ({ ...b, password: ['correct-horse-1'] }), 'password'],
  ['empty name', (b) => ({ ...b, name: '   ' }), 'name'],
  ['name with a NUL byte', (b) => ({ ...b, name: 'Eve\u0000' }), 'name'],
];

for (const [label, mutate, field] of invalidBodies) {
  test(`signup with ${label} → 400 VALIDATION_FAILED with details, nothing created`, async () => {
    const base = valid();
    const res = await post('/api/auth/signup', mutate(base));
    assertError(res, 400, 'VALIDATION_FAILED');
    assert.ok(Array.isArray(res.body.error.details) && res.body.error.details.length > 0, 'details list the problems');
    if (field)
      assert.ok(
        res.body.error.details.some((d: any) => d.path === field),
        `details name ${field}: ${JSON.stringify(res.body.error.details)}`,
      );
    else assert.match(JSON.stringify(res.body.error.details), /isAdmin/);
    await assertNoAccount(base.email);
  });
}

test('malformed JSON → 400 MALFORMED_JSON; non-object JSON → 400 VALIDATION_FAILED', async () => {
  const email = uniqueEmail('malformed');
  const raw = `{"name":"X","email":"${email}","password":"${password}","role":"patient"`;
  assertError(await request(app.url, 'POST', '/api/auth/signup', { raw }), 400, 'MALFORMED_JSON');
  await assertNoAccount(email);
  for (const body of ['[]', '"a string"', '42', 'null']) {
    const res = await request(app.url, 'POST', '/api/auth/signup', { raw: body });
    assert.equal(res.status, 400, `${body}: ${JSON.stringify(res.body)}`);
    assert.ok(['VALIDATION_FAILED', 'MALFORMED_JSON'].includes(res.body.error.code), body);
  }
  assertError(await request(app.url, 'POST', '/api/auth/login', { raw: '[1,2]' }), 400, 'VALIDATION_FAILED');
  // No body at all is a validation failure, not a crash.
  assertError(await request(app.url, 'POST', '/api/auth/login'), 400, 'VALIDATION_FAILED');
});

test('login and refresh validate their bodies too', async () => {
  assertError(
    await post('/api/auth/login', { email: uniqueEmail('x'), password, remember: true }),
    400,
    'VALIDATION_FAILED',
  );
  assertError(await post('/api/auth/login', { email: 'nope', password }), 400, 'VALIDATION_FAILED');
  assertError(await post('/api/auth/refresh', {}), 400, 'VALIDATION_FAILED');
  assertError(await post('/api/auth/refresh', { refreshToken: 123 }), 400, 'VALIDATION_FAILED');
});

test('refresh gives a new working idToken; a garbage refresh token → 401', async () => {
  const email = uniqueEmail('patient');
  const signup = await post('/api/auth/signup', { name: 'Refresher', email, password, role: 'patient' });
  assert.equal(signup.status, 201);
  const res = await post('/api/auth/refresh', { refreshToken: signup.body.session.refreshToken });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assertSession(res.body.session);
  const me = await request(app.url, 'GET', '/api/me', { token: res.body.session.idToken });
  assert.equal(me.status, 200);
  assert.equal(me.body.user.id, signup.body.user.id);
  assertError(await post('/api/auth/refresh', { refreshToken: 'garbage-refresh-token' }), 401, 'UNAUTHORIZED');
});
