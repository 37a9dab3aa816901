// Logout ends a session everywhere: the refresh token is refused at once, a new socket is refused
// at once, and HTTP refuses the old ID token once the verifier re-checks it (AUTH_REVOCATION_CHECK_MS,
// small here). A second instance (ROLE=api, same stores) stands for every other server: the one
// that handled the logout forgets the token at once, the others only when their window ends.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { request, type Reply } from '../helpers/http.js';
import { sleep } from '../helpers/poll.js';
import { connectSocket, handshakeError } from '../helpers/sockets.js';

const WINDOW_MS = 150;
let app: TestApp;
let other: TestApp;

before(async () => {
  app = await startTestApp({ AUTH_REVOCATION_CHECK_MS: String(WINDOW_MS) });
  other = await startTestApp({ AUTH_REVOCATION_CHECK_MS: String(WINDOW_MS), ROLE: 'api' });
});
after(async () => {
  await other?.stop();
  await app?.stop();
});

function assertUnauthorized(res: Reply, label: string): void {
  assert.equal(res.status, 401, `${label}: ${JSON.stringify(res.body)}`);
  assert.equal(res.body.error.code, 'UNAUTHORIZED', label);
  assert.equal(typeof res.body.error.message, 'string', label);
}

/**
 * Firebase counts a token as revoked when it was issued before the revocation, in whole seconds:
 * a logout in the second of the sign-in would not revoke it. Tests wait into the next second.
 */
const pastSignInSecond = () => sleep(1_100);

test('after logout the refresh token, a new socket and (after the window) HTTP are refused', async () => {
  const patient = await createPatient(app.url);
  const s = await connectSocket(app.url, patient.token);
  s.close();
  // Both instances have verified (and remember) the token before the logout.
  assert.equal((await request(app.url, 'GET', '/api/me', { token: patient.token })).status, 200);
  assert.equal((await request(other.url, 'GET', '/api/me', { token: patient.token })).status, 200);
  await pastSignInSecond();

  const out = await request(app.url, 'POST', '/api/auth/logout', { token: patient.token });
  assert.equal(out.status, 204, JSON.stringify(out.body));

  const refreshed = await request(app.url, 'POST', '/api/auth/refresh', {
    body: { refreshToken: patient.refreshToken },
  });
  assertUnauthorized(refreshed, 'refresh with the old refresh token');
  assert.equal(await handshakeError(app.url, patient.token), 'unauthorized', 'socket with the old ID token');
  assertUnauthorized(await request(app.url, 'GET', '/api/me', { token: patient.token }), 'same instance');
  await sleep(WINDOW_MS + 100);
  assertUnauthorized(await request(other.url, 'GET', '/api/me', { token: patient.token }), 'other instance');
  assertUnauthorized(await request(other.url, 'GET', '/api/doctors', { token: patient.token }), 'another route');
});

test('logout closes the user’s open sockets on every instance, and only theirs', async () => {
  const patient = await createPatient(app.url);
  const bystander = await createPatient(app.url);
  const here = await connectSocket(app.url, patient.token);
  const there = await connectSocket(other.url, patient.token);
  const theirs = await connectSocket(other.url, bystander.token);
  await pastSignInSecond();
  const closed = (s: typeof here) =>
    new Promise<void>((resolve) => (s.socket.disconnected ? resolve() : s.socket.once('disconnect', () => resolve())));
  assert.equal((await request(app.url, 'POST', '/api/auth/logout', { token: patient.token })).status, 204);
  await Promise.all([closed(here), closed(there)]);
  await sleep(200);
  assert.equal(theirs.socket.connected, true, 'another user keeps their socket');
  theirs.close();
});

test('logout ends only that user’s sessions; a new login works again', async () => {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url);
  await pastSignInSecond();
  assert.equal((await request(app.url, 'POST', '/api/auth/logout', { token: patient.token, body: {} })).status, 204);
  assert.equal((await doctor.api.get('/api/me')).status, 200, 'another user is not logged out');
  const login = await request(app.url, 'POST', '/api/auth/login', {
    body: { email: patient.email, password: patient.password },
  });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.equal((await request(app.url, 'GET', '/api/me', { token: login.body.session.idToken })).status, 200);
});

test('logout needs a valid token and an empty body', async () => {
  assertUnauthorized(await request(app.url, 'POST', '/api/auth/logout'), 'no token');
  assertUnauthorized(await request(app.url, 'POST', '/api/auth/logout', { token: 'garbage' }), 'garbage token');
  const patient = await createPatient(app.url);
  const res = await request(app.url, 'POST', '/api/auth/logout', { token: patient.token, body: { all: true } });
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'VALIDATION_FAILED');
  assert.equal((await patient.api.get('/api/me')).status, 200, 'a refused logout revokes nothing');
});
