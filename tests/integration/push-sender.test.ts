// sendPush against a local HTTPS push service that decrypts and checks VAPID, plus VAPID key
// persistence. Run: node --import tsx --test tests/integration/push-sender.test.ts
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateVapidKeys, type VapidKeys } from '../../src/push/vapid.js';
import { backoffMs, parseRetryAfter, sendPush } from '../../src/push/sender.js';
import { dosePayloads, MAX_PAYLOAD_BYTES, MAX_TEXT_CHARS, type PushedDose } from '../../src/push/payload.js';
import { startPushService, type PushService, type TestSubscription } from '../helpers/pushService.js';

const SUBJECT = 'mailto:ops@carebeat.test';
let service: PushService;
let vapid: VapidKeys;
let dataDir: string;

before(async () => {
  service = await startPushService();
  dataDir = await mkdtemp(path.join(tmpdir(), 'carebeat-vapid-'));
  vapid = await loadOrCreateVapidKeys({ dataDir, subject: SUBJECT });
});

after(async () => {
  await service.close();
  await rm(dataDir, { recursive: true, force: true });
});

const flat = (s: TestSubscription) => ({
  endpoint: s.subscription.endpoint,
  p256dh: s.subscription.keys.p256dh,
  auth: s.subscription.keys.auth,
});
const send = (s: TestSubscription, payload: object, attempt?: number) =>
  sendPush(flat(s), payload, { vapid, ttlSeconds: 3600, agent: service.agent, attempt });

test('delivers an encrypted payload with TTL, high urgency and a valid VAPID JWT', async () => {
  const sub = service.createSubscriber();
  const payload = {
    type: 'dose:due',
    actions: [{ action: 'take', title: 'Take' }],
    doses: [{ id: 'd1', text: 'Take 1 tablet', dueAt: '2030-01-01T08:00:00.000Z', actions: { take: 't' } }],
  };
  assert.deepEqual(await send(sub, payload), { kind: 'sent' });

  const msg = await service.waitFor(sub.id, (m) => m.payload?.doses?.[0]?.id === 'd1', 2_000);
  assert.deepEqual(msg.payload, payload);
  assert.equal(msg.headers.ttl, '3600');
  assert.equal(msg.headers.urgency, 'high');
  assert.equal(msg.headers.contentEncoding, 'aes128gcm');
  assert.match(msg.headers.authorization ?? '', /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
  // The helper verified the ES256 signature with k; check the claims it returned.
  assert.equal(msg.vapid.aud, service.origin);
  assert.equal(msg.vapid.sub, SUBJECT);
  assert.equal(msg.vapid.publicKey, vapid.publicKey);
  assert.ok(msg.vapid.exp > Date.now() / 1000);
  assert.equal(service.received(sub.id).length, 1);
});

test('doses due together fit push messages: one when they can, texts cut, order kept', async () => {
  const dose = (i: number, text: string): PushedDose => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    planItemId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    text,
    dueAt: '2030-01-01T08:00:00.000Z',
    localTime: '09:00',
    attempt: 1,
    actions: { take: 'A'.repeat(63), snooze: 'B'.repeat(63) },
  });
  const few = [dose(1, 'Take amoxicillin 500 mg'), dose(2, 'Take ibuprofen 200 mg')];
  assert.deepEqual(
    dosePayloads(few).map((p) => p.doses.map((d) => d.text)),
    [['Take amoxicillin 500 mg', 'Take ibuprofen 200 mg']],
  );
  // Twenty doses at 09:00 with long (multi-byte) texts: more than one message can carry.
  const many = Array.from({ length: 20 }, (_, i) => dose(i, `Prendre ${'é'.repeat(300)} ${i}`));
  const payloads = dosePayloads(many);
  assert.ok(payloads.length > 1, 'twenty long doses in one message');
  assert.deepEqual(
    payloads.flatMap((p) => p.doses.map((d) => d.id)),
    many.map((d) => d.id),
  );
  const sub = service.createSubscriber();
  for (const p of payloads) {
    assert.ok(Buffer.byteLength(JSON.stringify(p)) <= MAX_PAYLOAD_BYTES);
    for (const d of p.doses) assert.ok([...d.text].length <= MAX_TEXT_CHARS && d.text.endsWith('…'));
    assert.deepEqual(await send(sub, p), { kind: 'sent' });
  }
  // Each arrived whole: decrypted by the push service, exactly as sent.
  assert.deepEqual(
    service.received(sub.id).map((m) => m.payload),
    JSON.parse(JSON.stringify(payloads)),
  );
});

test('the test service refuses a message over 4 KB with 413, as push services do', async () => {
  const sub = service.createSubscriber();
  assert.deepEqual(await send(sub, { type: 'x', pad: 'x'.repeat(4_000) }), { kind: 'failed', status: 413 });
  assert.equal(service.received(sub.id).length, 0);
});

test('410 Gone → gone', async () => {
  const sub = service.createSubscriber();
  service.setBehaviour(sub.id, 'gone');
  assert.deepEqual(await send(sub, { type: 'x' }), { kind: 'gone' });
  assert.deepEqual(
    service.requests(sub.id).map((r) => r.status),
    [410],
  );
});

test('404 Not Found → gone', async () => {
  const sub = service.createSubscriber();
  service.setBehaviour(sub.id, { status: 404 });
  assert.deepEqual(await send(sub, { type: 'x' }), { kind: 'gone' });
  // An endpoint the service never issued answers 404 as well.
  const unknown = { ...flat(sub), endpoint: `${service.origin}/push/never-issued` };
  assert.deepEqual(await sendPush(unknown, { type: 'x' }, { vapid, ttlSeconds: 60, agent: service.agent }), {
    kind: 'gone',
  });
});

test('429 with Retry-After: 2 → retry after 2000 ms', async () => {
  const sub = service.createSubscriber();
  service.setBehaviour(sub.id, { status: 429, retryAfter: '2' });
  assert.deepEqual(await send(sub, { type: 'x' }), { kind: 'retry', afterMs: 2000 });
});

test('429 without Retry-After → retry after the 30 s default', async () => {
  const sub = service.createSubscriber();
  service.setBehaviour(sub.id, { status: 429 });
  assert.deepEqual(await send(sub, { type: 'x' }), { kind: 'retry', afterMs: 30_000 });
});

test('Retry-After as an HTTP date', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Tue, 01 Jan 2030 00:00:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Mon, 31 Dec 2029 23:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
});

test('500 → retry with backoff growing by attempt, capped at 5 minutes', async () => {
  const sub = service.createSubscriber();
  service.setBehaviour(sub.id, { status: 500 });
  const waits: number[] = [];
  for (const attempt of [0, 1, 2, 3]) {
    const out = await send(sub, { type: 'x' }, attempt);
    assert.equal(out.kind, 'retry');
    if (out.kind === 'retry') waits.push(out.afterMs);
  }
  assert.deepEqual(waits, [1000, 2000, 4000, 8000]);
  assert.equal(backoffMs(20), 300_000);
  assert.equal(service.received(sub.id).length, 0);
});

test('other 4xx → failed with status', async () => {
  const sub = service.createSubscriber();
  service.setBehaviour(sub.id, { status: 413 });
  assert.deepEqual(await send(sub, { type: 'x' }), { kind: 'failed', status: 413 });
});

test('a refused connection → retry, not a throw', async () => {
  const sub = service.createSubscriber();
  // Port 1 on loopback: nothing listens there.
  const dead = { ...flat(sub), endpoint: 'https://127.0.0.1:1/push/x' };
  const out = await sendPush(dead, { type: 'x' }, { vapid, ttlSeconds: 60, agent: service.agent });
  assert.deepEqual(out, { kind: 'retry', afterMs: 1000 });
});

test('VAPID keys are generated once, kept with mode 0600, and reused', async () => {
  const dir = path.join(dataDir, 'nested', 'data');
  const first = await loadOrCreateVapidKeys({ dataDir: dir, subject: SUBJECT });
  const file = path.join(dir, 'vapid.json');
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  const saved = await readFile(file, 'utf8');
  const second = await loadOrCreateVapidKeys({ dataDir: dir, subject: SUBJECT });
  assert.deepEqual(second, first);
  assert.equal(await readFile(file, 'utf8'), saved);
  assert.equal(Buffer.from(first.publicKey, 'base64url').length, 65);
});

test('concurrent first starts agree on one key pair', async () => {
  const dir = path.join(dataDir, 'race');
  const all = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateVapidKeys({ dataDir: dir, subject: SUBJECT })));
  for (const k of all) assert.deepEqual(k, all[0]);
});

test('configured keys win over the file; half a configuration or a corrupt file is an error', async () => {
  const dir = path.join(dataDir, 'configured');
  const fromEnv = await loadOrCreateVapidKeys({
    dataDir: dir,
    subject: SUBJECT,
    publicKey: vapid.publicKey,
    privateKey: vapid.privateKey,
  });
  assert.deepEqual(fromEnv, vapid);
  await assert.rejects(stat(path.join(dir, 'vapid.json')), { code: 'ENOENT' });
  await assert.rejects(
    loadOrCreateVapidKeys({ dataDir: dir, subject: SUBJECT, publicKey: vapid.publicKey }),
    /must be set together/,
  );

  const bad = path.join(dataDir, 'corrupt');
  await loadOrCreateVapidKeys({ dataDir: bad, subject: SUBJECT });
  await writeFile(path.join(bad, 'vapid.json'), '{not json');
  await assert.rejects(loadOrCreateVapidKeys({ dataDir: bad, subject: SUBJECT }), /not valid JSON/);
});

test('the test service really checks VAPID: a JWT for another origin is refused', async () => {
  const sub = service.createSubscriber();
  // Same server reached as "localhost": web-push signs aud=https://localhost:<port>, which is
  // not the origin the service expects, so it answers 401 like a real push service.
  const other = { ...flat(sub), endpoint: sub.subscription.endpoint.replace('127.0.0.1', 'localhost') };
  const out = await sendPush(other, { type: 'x' }, { vapid, ttlSeconds: 60, agent: service.agent });
  assert.deepEqual(out, { kind: 'failed', status: 401 });
  assert.match(service.requests(sub.id)[0]?.error ?? '', /aud/);
  assert.equal(service.received(sub.id).length, 0);
});
