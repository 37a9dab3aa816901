// The push crypto thread (src/push/cryptoPool.ts): what it seals, a push service that decrypts
// (RFC 8291) and checks VAPID accepts, message by message in order; a malformed key is a null, not
// a lost batch; and a closed pool, or one whose thread died, still encrypts on the caller's thread.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CryptoMessage, startPushCrypto } from '../../src/push/cryptoPool.js';
import { postPush } from '../../src/push/sender.js';
import { loadOrCreateVapidKeys, type VapidKeys } from '../../src/push/vapid.js';
import { vapidAuthorization } from '../../src/push/vapidAuth.js';
import { startPushService, type PushService, type TestSubscription } from '../helpers/pushService.js';

let service: PushService;
let vapid: VapidKeys;
let dataDir: string;

before(async () => {
  service = await startPushService();
  dataDir = await mkdtemp(path.join(tmpdir(), 'carebeat-push-crypto-'));
  vapid = await loadOrCreateVapidKeys({ dataDir, subject: 'mailto:ops@carebeat.test' });
});

after(async () => {
  await service.close();
  await rm(dataDir, { recursive: true, force: true });
});

const message = (s: TestSubscription, n: number): CryptoMessage => ({
  sub: { endpoint: s.subscription.endpoint, ...s.subscription.keys },
  payload: JSON.stringify({ type: 'dose:due', n, to: s.id }),
  authorization: vapidAuthorization(s.subscription.endpoint, vapid),
  ttlSeconds: 600,
});

test('the thread seals each message for its own device, in order, and the service opens them', async () => {
  const crypto = startPushCrypto();
  try {
    const subs = Array.from({ length: 40 }, () => service.createSubscriber());
    const requests = await crypto.encrypt(subs.map((s, n) => message(s, n)));
    assert.equal(requests.length, subs.length);
    for (const request of requests) {
      assert.ok(request);
      assert.equal(request.headers['Content-Encoding'], 'aes128gcm');
      assert.equal(request.headers.TTL, 600);
      assert.equal(request.headers.Urgency, 'high');
      assert.deepEqual(await postPush(request, { agent: service.agent }), { kind: 'sent' });
    }
    subs.forEach((s, n) => {
      const got = service.received(s.id);
      assert.equal(got.length, 1);
      assert.deepEqual(got[0]!.payload, { type: 'dose:due', n, to: s.id });
    });
    assert.equal(crypto.fallbacks, 0, 'sealed on the thread, not by the fallback');
  } finally {
    await crypto.close();
  }
});

test('a malformed subscription key is a null in its place; the others are sealed', async () => {
  const crypto = startPushCrypto();
  try {
    const [a, b] = [service.createSubscriber(), service.createSubscriber()];
    const broken = { ...message(b, 1), sub: { ...message(b, 1).sub, p256dh: 'not-a-key' } };
    const [first, second, third] = await crypto.encrypt([message(a, 0), broken, message(b, 2)]);
    assert.ok(first);
    assert.equal(second, null);
    assert.ok(third);
    assert.deepEqual(await postPush(third, { agent: service.agent }), { kind: 'sent' });
    assert.deepEqual(service.received(b.id)[0]!.payload, { type: 'dose:due', n: 2, to: b.id });
  } finally {
    await crypto.close();
  }
});

test('after close, a job still draining gets its messages sealed on its own thread', async () => {
  const crypto = startPushCrypto();
  const sub = service.createSubscriber();
  await crypto.encrypt([message(sub, 0)]); // the thread is up
  await crypto.close();
  const [request] = await crypto.encrypt([message(sub, 1)]);
  assert.ok(request);
  assert.deepEqual(await postPush(request, { agent: service.agent }), { kind: 'sent' });
  assert.deepEqual(service.received(sub.id)[0]!.payload, { type: 'dose:due', n: 1, to: sub.id });
});

test('a thread that dies leaves nothing unsealed: its messages are encrypted here, and sent', {
  timeout: 10_000,
}, async () => {
  // A thread that exits at once stands in for one that crashed mid-job.
  const told: number[] = [];
  const crypto = startPushCrypto({
    spawn: () => new Worker('process.exit(1)', { eval: true }),
    onFallback: (messages) => told.push(messages),
  });
  const sub = service.createSubscriber();
  try {
    const [request] = await crypto.encrypt([message(sub, 7), message(sub, 8)]);
    assert.ok(request);
    assert.equal(crypto.fallbacks, 1);
    assert.deepEqual(told, [2], 'the worker is told, so it logs and counts it');
    assert.deepEqual(await postPush(request, { agent: service.agent }), { kind: 'sent' });
    assert.deepEqual(service.received(sub.id)[0]!.payload, { type: 'dose:due', n: 7, to: sub.id });
  } finally {
    await crypto.close();
  }
});
