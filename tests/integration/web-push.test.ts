// Web push end to end: subscription routes, and doses pushed through a local HTTPS push
// service that checks VAPID and decrypts each payload with the subscriber's own keys (RFC 8291).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { buildPlan, createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';
import {
  startPushService,
  type PushService,
  type ReceivedPush,
  type TestSubscription,
} from '../helpers/pushService.js';
import { planItems, pushSubscriptions } from '../../src/db/schema.js';
import { sleep } from '../helpers/poll.js';
import { timing } from '../../src/extraction/schema.js';

const hourly = timing({ frequency: 1, period: 1, periodUnit: 'h', durationDays: 1 });

// A 96 s "day" and an hourly plan: a dose every 4 s at most, its window closing at the next one.
// Nudges are set past the window, so each dose is pushed once, and a 1 s Retry-After still lands
// inside the window on a loaded machine.
const DAY = 96_000;
let app: TestApp;
let service: PushService;
const sockets: TestSocket[] = [];
before(async () => {
  service = await startPushService();
  // The local push service listens on 127.0.0.1: allowed here explicitly, never by default.
  app = await startTestApp(
    {
      SCHEDULE_DAY_MS: String(DAY),
      PUSH_TTL_SECONDS: '120',
      DOSE_NUDGE_MINUTES: '999',
      PUSH_ENDPOINT_HOSTS: '127.0.0.1',
      PUSH_ALLOW_PRIVATE: '1',
    },
    { pushAgent: service.agent },
  );
});
const patients: string[] = [];
after(async () => {
  // A plan nobody checks in never ends (each miss appends one more): cancel ours, so later test
  // files sharing this database and queue prefix do not keep delivering them.
  await app.ctx.db
    .update(planItems)
    .set({ status: 'stopped' })
    .where(and(inArray(planItems.patientId, patients), eq(planItems.status, 'active')));
  for (const s of sockets) s.close();
  await app.stop();
  await service.close();
});

async function subscribe(user: TestUser, sub: TestSubscription) {
  const res = await user.api.post('/api/push/subscriptions', sub.subscription);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.subscription.id as string;
}

/** A patient with these subscriptions and an hourly plan, its first dose in 2 s; returns its first dose:due. */
async function hourlyPlan(subs: TestSubscription[], text = 'Take paracetamol 500mg') {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  patients.push(patient.id);
  const ids = [];
  for (const s of subs) ids.push(await subscribe(patient, s));
  const ps = await connectSocket(app.url, patient.token);
  sockets.push(ps);
  // Every hour around the clock, from a pinned first dose: left to the patient's clock, an hourly
  // plan starts at the next 09:00, up to a whole (96 s) day away, and "24 a day" would spread
  // over the waking day (09:00–21:00); either made this test depend on the time it started.
  const { plan } = await buildPlan(
    { app, doctor, patient },
    { items: [{ text, asNeeded: false, timing: hourly, source: '' }], firstDueAt: new Date(Date.now() + 2000) },
  );
  const item = plan[0]!;
  const due = await ps.waitFor('dose:due', (p) => p.dose.planItemId === item.id, 20_000);
  return { patient, ps, ids, item, due };
}

async function waitUntil(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

test('public key and subscription routes', async () => {
  const user = await createPatient(app.url);
  const key = await user.api.get('/api/push/public-key');
  assert.equal(key.status, 200);
  assert.equal(Buffer.from(key.body.publicKey, 'base64url').length, 65);
  const sub = service.createSubscriber();
  const id = await subscribe(user, sub);
  const [row] = await app.ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  assert.deepEqual(
    [row!.userId, row!.endpoint, row!.p256dh, row!.auth],
    [user.id, sub.subscription.endpoint, sub.subscription.keys.p256dh, sub.subscription.keys.auth],
  );
  const bad = [
    { endpoint: sub.subscription.endpoint },
    { ...sub.subscription, keys: { p256dh: 'short', auth: sub.subscription.keys.auth } },
    { ...sub.subscription, extra: true },
    { ...sub.subscription, endpoint: sub.subscription.endpoint.replace('https://', 'http://') },
  ];
  for (const body of bad) {
    const r = await user.api.post('/api/push/subscriptions', body);
    assert.deepEqual([r.status, r.body.error.code], [400, 'VALIDATION_FAILED'], JSON.stringify(body));
  }
  assert.equal((await user.api.del('/api/push/subscriptions', { endpoint: sub.subscription.endpoint })).status, 204);
  assert.equal((await app.ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id))).length, 0);
  const again = await user.api.del('/api/push/subscriptions', { endpoint: sub.subscription.endpoint });
  assert.deepEqual([again.status, again.body.error.code], [404, 'NOT_FOUND']);
  assert.equal((await fetch(`${app.url}/api/push/public-key`)).status, 401);
});

/** A push carrying this dose. */
const hasDose = (id: string) => (m: ReceivedPush) => m.payload?.doses?.some((d: { id: string }) => d.id === id);

test('a dose falling due is pushed, encrypted, to every subscription of the patient', async () => {
  const [a, b, other] = [service.createSubscriber(), service.createSubscriber(), service.createSubscriber()];
  const stranger = await createPatient(app.url);
  await subscribe(stranger, other);
  const { patient, due, item } = await hourlyPlan([a, b]);
  const expected = {
    type: 'dose:due',
    actions: [
      { action: 'take', title: 'Take' },
      { action: 'snooze', title: 'Snooze' },
    ],
    doses: [
      {
        id: due.dose.id,
        planItemId: item.id,
        text: 'Take paracetamol 500mg',
        dueAt: due.dose.dueAt,
        localTime: due.dose.localTime,
        attempt: 1,
        actions: { take: 'TOKEN', snooze: 'TOKEN' },
      },
    ],
  };
  assert.deepEqual([due.kind, due.dose.attempts], ['due', 1]);
  const publicKey = (await patient.api.get('/api/push/public-key')).body.publicKey;
  const tokens = new Set<string>();
  for (const s of [a, b]) {
    const msg = await service.waitFor(s.id, hasDose(due.dose.id), 10_000);
    const actions = msg.payload.doses[0].actions;
    for (const t of [actions.take, actions.snooze]) {
      assert.match(t, /^[\w-]{40,100}$/);
      tokens.add(t);
    }
    const shown = { ...msg.payload, doses: [{ ...msg.payload.doses[0], actions: { take: 'TOKEN', snooze: 'TOKEN' } }] };
    assert.deepEqual(shown, expected); // decrypted with this subscriber's keys: exactly the dose, nothing more
    assert.deepEqual([msg.headers.ttl, msg.headers.urgency, msg.headers.contentEncoding], ['120', 'high', 'aes128gcm']);
    assert.equal(msg.vapid.publicKey, publicKey);
  }
  assert.equal(tokens.size, 4, 'action tokens are shared between devices or actions');
  assert.equal(service.received(other.id).length, 0, "another patient's browser got the push");
});

test('a subscription answered 410 Gone is deleted after the next dose', async () => {
  const [gone, ok] = [service.createSubscriber(), service.createSubscriber()];
  service.setBehaviour(gone.id, 'gone');
  const { due, ids } = await hourlyPlan([gone, ok], 'Take cetirizine');
  await service.waitFor(ok.id, hasDose(due.dose.id), 10_000);
  const row = (id: string) => app.ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  await waitUntil(async () => (await row(ids[0]!)).length === 0, 10_000, 'the gone subscription to be deleted');
  assert.deepEqual(
    service.requests(gone.id).map((r) => r.status),
    [410],
  );
  assert.equal((await row(ids[1]!)).length, 1, 'the healthy subscription was deleted too');
});

test('429 with Retry-After: the same dose is pushed again after the wait', async () => {
  const sub = service.createSubscriber();
  service.setBehaviour(sub.id, { status: 429, retryAfter: '1' });
  const { due } = await hourlyPlan([sub], 'Take loratadine');
  await waitUntil(() => service.requests(sub.id).length > 0, 10_000, 'the first push');
  const refusedAt = Date.now();
  service.setBehaviour(sub.id, 'ok');
  const msg = await service.waitFor(sub.id, hasDose(due.dose.id), 10_000);
  assert.ok(Date.now() - refusedAt >= 800, 'retried before Retry-After elapsed');
  assert.deepEqual([msg.payload.doses[0].attempt, msg.payload.doses[0].text], [1, 'Take loratadine']);
  assert.deepEqual(
    service
      .requests(sub.id)
      .map((r) => r.status)
      .slice(0, 2),
    [429, 201],
  );
});
