// Fault: the identity provider does not answer. An API process whose Auth Emulator host has
// nothing listening cannot run the revocation check a token needs. A well-formed token must then
// get 502 AUTH_PROVIDER_UNAVAILABLE over HTTP and "unavailable" at the socket handshake (come
// back later), never the 401 / "unauthorized" that makes a client sign its user out. A malformed
// token is still refused as unauthorized: that needs no provider. A provider that grants a refresh
// but drops the revocation check of the new token is "come back later" too.
import { after, test } from 'node:test';
import http from 'node:http';
import assert from 'node:assert/strict';
import pg from 'pg';
import { io } from 'socket.io-client';
import { requireEnv, testEnv } from '../helpers/app.js';
import { request } from '../helpers/http.js';
import { freePort } from '../helpers/net.js';
import { startReady, stopProcess } from '../helpers/processes.js';

const cleanups: Array<() => Promise<unknown>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

/** A real ID token of the run's emulator, for an account this API's provider cannot be asked about. */
async function emulatorToken(): Promise<string> {
  return (await emulatorSession()).idToken;
}

async function emulatorSession(): Promise<{ idToken: string; refreshToken: string }> {
  const host = requireEnv('TEST_AUTH_EMULATOR_HOST');
  const body = { email: `down-${Date.now()}@test.carebeat.dev`, password: 'provider-down-1', returnSecureToken: true };
  const call = async (method: string) => {
    const res = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:${method}?key=test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, method);
    return (await res.json()) as { idToken: string; refreshToken: string };
  };
  await call('signUp');
  return call('signInWithPassword');
}

function handshake(url: string, token: string): Promise<{ message: string; data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const s = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    s.once('connect', () => {
      s.disconnect();
      reject(new Error('connected without a provider to check the token'));
    });
    s.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      s.disconnect();
      resolve({ message: err.message, data: err.data });
    });
  });
}

test('with the identity provider down, a token is "come back later", not "signed out"', async () => {
  const token = await emulatorToken();
  const dead = `127.0.0.1:${await freePort()}`; // nothing listens there
  const api = await startReady('api', 'api', testEnv({ FIREBASE_AUTH_EMULATOR_HOST: dead }));
  cleanups.push(() => stopProcess(api));

  const me = await request(api.url!, 'GET', '/api/me', { token });
  assert.equal(me.status, 502, JSON.stringify(me.body));
  assert.equal(me.body.error.code, 'AUTH_PROVIDER_UNAVAILABLE');
  assert.doesNotMatch(JSON.stringify(me.body), /ECONNREFUSED|at .*\.js|127\.0\.0\.1/, 'no internals');

  const socket = await handshake(api.url!, token);
  assert.equal(socket.message, 'unavailable');
  assert.equal(socket.data?.code, 'AUTH_PROVIDER_UNAVAILABLE', JSON.stringify(socket.data));

  // A token that is no token is refused without asking anyone.
  const junk = await request(api.url!, 'GET', '/api/me', { token: 'not-a-jwt' });
  assert.equal(junk.status, 401);
  assert.equal((await handshake(api.url!, 'not-a-jwt')).message, 'unauthorized');
});

test('with the identity provider down, signup, login and refresh answer 502, and signup leaves nothing', async () => {
  const dead = `127.0.0.1:${await freePort()}`;
  const api = await startReady('api', 'api', testEnv({ FIREBASE_AUTH_EMULATOR_HOST: dead }));
  cleanups.push(() => stopProcess(api));
  const email = `down-signup-${Date.now()}@test.carebeat.dev`;
  const asks = [
    ['/api/auth/signup', { name: 'Ada Down', email, password: 'provider-down-1', role: 'patient' }],
    ['/api/auth/login', { email, password: 'provider-down-1' }],
    ['/api/auth/refresh', { refreshToken: 'AMf-not-checked-without-a-provider' }],
  ] as const;
  for (const [path, body] of asks) {
    const res = await request(api.url!, 'POST', path, { body });
    assert.equal(res.status, 502, `${path}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, 'AUTH_PROVIDER_UNAVAILABLE', path);
    assert.doesNotMatch(JSON.stringify(res.body), /fetch failed|ECONNREFUSED|at .*\.js|127\.0\.0\.1/, 'no internals');
  }
  // The refused signup wrote no profile: the same email signs up once the provider answers.
  const db = new pg.Client({ connectionString: requireEnv('TEST_PG_URL') });
  await db.connect();
  cleanups.push(() => db.end());
  assert.equal((await db.query('select 1 from users where email = $1', [email])).rowCount, 0);
});

/**
 * The run's emulator behind a proxy that answers everything but the admin SDK's account lookup
 * (the revocation check), whose connection it drops: a provider that is half there.
 */
async function halfProvider(): Promise<string> {
  const [host, port] = requireEnv('TEST_AUTH_EMULATOR_HOST').split(':') as [string, string];
  const server = http.createServer((req, res) => {
    if (req.url?.includes('accounts:lookup')) return req.socket.destroy();
    const upstream = http.request({ host, port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `127.0.0.1:${(server.address() as { port: number }).port}`;
}

test('a refresh the provider grants but cannot check for revocation is 502, not a sign-out', async () => {
  const session = await emulatorSession();
  const api = await startReady('api-half', 'api', testEnv({ FIREBASE_AUTH_EMULATOR_HOST: await halfProvider() }));
  cleanups.push(() => stopProcess(api));
  const res = await request(api.url!, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
  assert.equal(res.status, 502, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'AUTH_PROVIDER_UNAVAILABLE');
  assert.doesNotMatch(JSON.stringify(res.body), /socket hang up|ECONNRESET|at .*\.js|127\.0\.0\.1/, 'no internals');
});
