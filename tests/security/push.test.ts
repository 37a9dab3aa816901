// Push endpoints (issue "Trust"): only the configured push services, never a private address
// after DNS, at most PUSH_MAX_PER_USER per user, and an endpoint held by another user is refused,
// not moved. Every refusal leaves push_subscriptions as it was.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import type { Reply } from '../helpers/http.js';
import { pushSubscriptions } from '../../src/db/schema.js';
import { publicOnlyLookup } from '../../src/push/endpoints.js';

let strict: TestApp; // the defaults: real push services only
let local: TestApp; // the test push service's allowance (127.0.0.1), a cap of 3
const tally = { tried: 0, refused: 0 };
before(async () => {
  strict = await startTestApp({ PUSH_ENDPOINT_HOSTS: '*.push.services.mozilla.com,localhost,127.0.0.1,[::1]' });
  local = await startTestApp({ PUSH_ENDPOINT_HOSTS: '127.0.0.1', PUSH_ALLOW_PRIVATE: '1', PUSH_MAX_PER_USER: '3' });
});
after(async () => {
  await strict.stop();
  await local.stop();
  console.log(`# bad inputs tried: ${tally.tried}, refused: ${tally.refused}`);
});

const keys = () => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') };
};
const sub = (endpoint: string) => ({ endpoint, keys: keys() });
const localEndpoint = () => `https://127.0.0.1:9/push/${randomUUID()}`;
const rows = (app: TestApp, userId: string) =>
  app.ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));

function refused(res: Reply, status: number, code: string) {
  tally.tried++;
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body?.error?.code, code, JSON.stringify(res.body));
  assert.equal(typeof res.body.error.message, 'string');
  tally.refused++;
}

test('endpoints outside the allowlist, or resolving to private addresses, → 400; nothing stored', async () => {
  const user = await createDoctor(strict.url);
  const outside = [
    'https://evil.example.com/push/1',
    'https://push.services.mozilla.com.evil.example/x', // suffix trick
    'https://169.254.169.254/latest/meta-data',
    'https://10.0.0.5/push',
    'https://fcm.googleapis.com/fcm/send/x', // a real service, but not in this app's list
  ];
  for (const endpoint of outside)
    refused(await user.api.post('/api/push/subscriptions', sub(endpoint)), 400, 'ENDPOINT_NOT_ALLOWED');
  // Listed, but loopback after resolution (localhost → 127.0.0.1/::1) or as a literal.
  for (const endpoint of ['https://localhost/push/1', 'https://127.0.0.1:8443/push/2', 'https://[::1]/push/3'])
    refused(await user.api.post('/api/push/subscriptions', sub(endpoint)), 400, 'ENDPOINT_NOT_ALLOWED');
  // Schema-level refusals stay VALIDATION_FAILED.
  for (const endpoint of ['http://updates.push.services.mozilla.com/x', 'javascript:alert(1)'])
    refused(await user.api.post('/api/push/subscriptions', sub(endpoint)), 400, 'VALIDATION_FAILED');
  assert.equal((await rows(strict, user.id)).length, 0);
});

test('at most PUSH_MAX_PER_USER subscriptions: the next → 409, an existing one may still refresh', async () => {
  const user = await createPatient(local.url);
  const endpoints = [localEndpoint(), localEndpoint(), localEndpoint()];
  for (const e of endpoints) assert.equal((await user.api.post('/api/push/subscriptions', sub(e))).status, 201);
  refused(await user.api.post('/api/push/subscriptions', sub(localEndpoint())), 409, 'TOO_MANY_SUBSCRIPTIONS');
  const again = await Promise.all(
    [localEndpoint(), localEndpoint()].map((e) => user.api.post('/api/push/subscriptions', sub(e))),
  );
  for (const r of again) refused(r, 409, 'TOO_MANY_SUBSCRIPTIONS');
  assert.equal((await rows(local, user.id)).length, 3);
  const refreshed = sub(endpoints[0]!);
  assert.equal((await user.api.post('/api/push/subscriptions', refreshed)).status, 201);
  const stored = (await rows(local, user.id)).find((r) => r.endpoint === endpoints[0]);
  assert.equal(stored?.p256dh, refreshed.keys.p256dh, 'the same user re-subscribing refreshes the keys');
});

test("another user's endpoint → 409 ENDPOINT_TAKEN; the owner keeps it, keys untouched", async () => {
  const owner = await createPatient(local.url);
  const thief = await createDoctor(local.url);
  const original = sub(localEndpoint());
  assert.equal((await owner.api.post('/api/push/subscriptions', original)).status, 201);
  refused(await thief.api.post('/api/push/subscriptions', sub(original.endpoint)), 409, 'ENDPOINT_TAKEN');
  const [row] = await local.ctx.db
    .select()
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.endpoint, original.endpoint));
  assert.equal(row?.userId, owner.id);
  assert.equal(row?.p256dh, original.keys.p256dh);
  assert.equal(row?.auth, original.keys.auth);
  assert.equal((await rows(local, thief.id)).length, 0);
});

test('at send time the push agent refuses hosts that now resolve privately (DNS rebinding)', async () => {
  const resolve = (host: string, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((done) =>
      publicOnlyLookup(host, { all }, (err, address) => done({ err, address })),
    );
  for (const all of [false, true]) {
    tally.tried++;
    const { err } = await resolve('localhost', all);
    assert.equal(err?.code, 'ERR_PUSH_PRIVATE_ADDRESS');
    tally.refused++;
  }
  const ok = await resolve('203.0.113.10', false);
  assert.equal(ok.err, null);
  assert.equal(ok.address, '203.0.113.10');
});
