// Take and Snooze from the notification itself (DESIGN §8): doses due together arrive as one push,
// the test push service decrypts it (RFC 8291), and the action tokens it carries are used the way
// the service worker uses them: POST /api/push-actions/take|snooze with no ID token. A token acts
// once, on its own dose, for its own action, until it expires; anything else is refused unchanged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { buildPlan, createDoctor, createPatient } from '../helpers/factories.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';
import { startPushService, type PushService, type ReceivedPush } from '../helpers/pushService.js';
import { auditLog, planItems, reminders } from '../../src/db/schema.js';
import { generateMasterKey, parseKeyring } from '../../src/crypto/index.js';
import { mintActionToken } from '../../src/push/actionTokens.js';
import { sleep } from '../helpers/poll.js';

// A 10-minute "day": a daily dose's window is 5 minutes of real time, ample for the actions.
// Nudges are set past the window so that each dose is pushed exactly once.
const DAY = 600_000;
let app: TestApp;
let service: PushService;
const sockets: TestSocket[] = [];
const patients: string[] = [];
before(async () => {
  service = await startPushService();
  app = await startTestApp(
    {
      SCHEDULE_DAY_MS: String(DAY),
      DOSE_NUDGE_MINUTES: '999',
      PUSH_ENDPOINT_HOSTS: '127.0.0.1',
      PUSH_ALLOW_PRIVATE: '1',
    },
    { pushAgent: service.agent },
  );
});
after(async () => {
  await app.ctx.db
    .update(planItems)
    .set({ status: 'stopped' })
    .where(and(inArray(planItems.patientId, patients), eq(planItems.status, 'active')));
  for (const s of sockets) s.close();
  await app.stop();
  await service.close();
});

/** Without a Bearer token, as the service worker calls it. */
async function act(action: string, body: unknown) {
  const res = await fetch(`${app.url}/api/push-actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const doseRows = (ids: string[]) => app.ctx.db.select().from(reminders).where(inArray(reminders.id, ids));

/** A patient (with doctor) subscribed to the test push service, two items whose doses fall due together. */
async function twoDosesDue() {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  patients.push(patient.id);
  const sub = service.createSubscriber();
  const res = await patient.api.post('/api/push/subscriptions', sub.subscription);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const [ds, ps] = [await connectSocket(app.url, doctor.token), await connectSocket(app.url, patient.token)];
  sockets.push(ds, ps);
  const plan = await buildPlan(
    { app, doctor, patient },
    {
      items: [
        { text: 'Take amoxicillin 500 mg', frequencyPerDay: 1, durationDays: 3 },
        { text: 'Take ibuprofen 200 mg', frequencyPerDay: 1, durationDays: 3 },
      ],
      firstDueAt: new Date(Date.now() + 1_500),
    },
  );
  const dues = await Promise.all(
    plan.plan.map((item) => ps.waitFor('dose:due', (p) => p.dose.planItemId === item.id, 15_000)),
  );
  const ids = dues.map((d) => d.dose.id as string);
  // Each dose as some push carried it (the grouping itself is the first test's business).
  const entry = (m: ReceivedPush, id: string) => m.payload?.doses?.find((d: any) => d.id === id);
  const pushed = await Promise.all(
    ids.map((id) =>
      service
        .waitFor(sub.id, (m) => !!entry(m, id), 15_000)
        .then((m) => entry(m, id))
        .catch((err) => {
          const got = service.received(sub.id).map((m) => m.payload?.doses?.map((d: any) => `${d.id}@${d.attempt}`));
          throw new Error(`${err.message}; received ${JSON.stringify(got)}`);
        }),
    ),
  );
  return { doctor, patient, ds, ps, sub, subId: res.body.subscription.id as string, plan, ids, pushed };
}

test('doses due together: one push, both doses, each with its own Take and Snooze tokens', async () => {
  const { sub, plan, ids } = await twoDosesDue();
  await sleep(1_000); // a second push for the same due time would have arrived by now
  const got = service.received(sub.id);
  assert.deepEqual(
    got.map((m) => m.payload?.doses?.length),
    [2],
    'doses due together were not pushed as one notification',
  );
  const p = got[0]!.payload;
  assert.equal(p.type, 'dose:due');
  assert.deepEqual(p.actions, [
    { action: 'take', title: 'Take' },
    { action: 'snooze', title: 'Snooze' },
  ]);
  assert.deepEqual(
    p.doses.map((d: any) => [d.id, d.planItemId, d.text, d.attempt]).sort(),
    ids.map((id, i) => [id, plan.plan[i]!.id, plan.plan[i]!.text, 1]).sort(),
  );
  const tokens = p.doses.flatMap((d: any) => [d.actions.take, d.actions.snooze]);
  for (const t of tokens) assert.match(t, /^[\w-]{40,100}$/);
  assert.equal(new Set(tokens).size, 4, 'tokens are shared between doses or actions');
  // The token lives only in the encrypted payload: no Redis key or value (jobs, events) holds it.
  const stored = await redisDump();
  for (const t of tokens) assert.ok(!stored.includes(t), 'a push action token is stored in Redis');
});

/** Every key and string value under this run's Redis prefix, as one text. */
async function redisDump(): Promise<string> {
  const r = app.ctx.redis;
  const parts: string[] = [];
  for (const key of await r.keys(`${app.config.redisPrefix}*`)) {
    parts.push(key);
    const type = await r.type(key);
    if (type === 'string') parts.push((await r.get(key)) ?? '');
    else if (type === 'hash') parts.push(...(await r.hvals(key)));
    else if (type === 'list') parts.push(...(await r.lrange(key, 0, -1)));
    else if (type === 'set') parts.push(...(await r.smembers(key)));
    else if (type === 'zset') parts.push(...(await r.zrange(key, '0', '-1')));
  }
  return parts.join('\n');
}

test('Take from the notification: the dose is taken, live to patient and doctor; the token works once', async () => {
  const { patient, ds, ps, pushed } = await twoDosesDue();
  const [a, b] = pushed;
  // Five taps at once: one takes the dose, the others find the token used.
  const taps = await Promise.all(Array.from({ length: 5 }, () => act('take', { token: a.actions.take })));
  assert.deepEqual(taps.map((t) => t.status).sort(), [200, 409, 409, 409, 409], JSON.stringify(taps));
  const ok = taps.find((t) => t.status === 200)!.body;
  assert.deepEqual([ok.dose.id, ok.dose.status, ok.planItem.completedCheckins], [a.id, 'taken', 1]);
  for (const t of taps.filter((x) => x.status === 409)) assert.equal(t.body.error.code, 'ACTION_TOKEN_USED');
  for (const s of [ps, ds]) await s.waitFor('dose:taken', (e) => e.dose.id === a.id, 10_000);
  const reused = await act('take', { token: a.actions.take });
  assert.deepEqual([reused.status, reused.body.error.code], [409, 'ACTION_TOKEN_USED']);
  const cal = await patient.api.get(`/api/patients/${patient.id}/doses`);
  assert.equal(cal.status, 200, JSON.stringify(cal.body));
  const statuses = new Map(cal.body.doses.map((d: any) => [d.id, d.status]));
  assert.deepEqual([statuses.get(a.id), statuses.get(b.id)], ['taken', 'due']);
  const audited = await app.ctx.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subject, `dose:${a.id}/take`));
  assert.deepEqual(
    audited.map((r) => [r.action, r.actorId]),
    [['push.action', patient.id]],
  );
});

test('Snooze from the notification, then Take from the same one', async () => {
  const { ps, ds, pushed } = await twoDosesDue();
  const d = pushed[0];
  const snoozed = await act('snooze', { token: d.actions.snooze, minutes: 10 });
  assert.equal(snoozed.status, 200, JSON.stringify(snoozed.body));
  assert.equal(snoozed.body.dose.id, d.id);
  const [row] = await doseRows([d.id]);
  assert.ok(row!.snoozedUntil && row!.snoozedUntil > new Date(), 'not snoozed');
  for (const s of [ps, ds]) await s.waitFor('dose:snoozed', (e) => e.dose.id === d.id, 10_000);
  const again = await act('snooze', { token: d.actions.snooze, minutes: 10 });
  assert.deepEqual([again.status, again.body.error.code], [409, 'ACTION_TOKEN_USED']);
  const taken = await act('take', { token: d.actions.take });
  assert.deepEqual([taken.status, taken.body.dose?.status], [200, 'taken'], JSON.stringify(taken.body));
});

test('refused, with nothing changed: wrong action, another dose, forged, expired, foreign, no token', async () => {
  const { ids, pushed, subId } = await twoDosesDue();
  const [a, b] = pushed;
  const before = await doseRows(ids);
  // Token A's body with dose B's id spliced in, its MAC kept: the token of A used on B.
  const raw = Buffer.from(a.actions.take, 'base64url');
  Buffer.from(b.id.replace(/-/g, ''), 'hex').copy(raw, 3);
  const spliced = raw.toString('base64url');
  const flipped = Buffer.from(a.actions.take, 'base64url');
  flipped[flipped.length - 1]! ^= 1;
  const other = parseKeyring(generateMasterKey(), app.ctx.keyring.currentVersion);
  const later = new Date(Date.now() + 60_000);
  const invalid: Array<[string, unknown]> = [
    ['take', { token: a.actions.snooze }], // the snooze token cannot take
    ['snooze', { token: a.actions.take, minutes: 10 }], // nor the take token snooze
    ['take', { token: spliced }],
    ['take', { token: flipped.toString('base64url') }],
    [
      'take',
      {
        token: mintActionToken(app.ctx.keyring, {
          doseId: a.id,
          subscriptionId: subId,
          action: 'take',
          expiresAt: new Date(),
        }),
      },
    ],
    [
      'take',
      { token: mintActionToken(other, { doseId: a.id, subscriptionId: subId, action: 'take', expiresAt: later }) },
    ],
    ['take', { token: 'not-a-token' }],
  ];
  for (const [action, body] of invalid) {
    const r = await act(action, body);
    assert.deepEqual([r.status, r.body.error?.code], [401, 'ACTION_TOKEN_INVALID'], JSON.stringify(body));
  }
  for (const body of [{}, { token: a.actions.take, minutes: 10 }, { token: a.actions.take, doseId: b.id }]) {
    const r = await act('take', body);
    assert.deepEqual([r.status, r.body.error?.code], [400, 'VALIDATION_FAILED'], JSON.stringify(body));
  }
  // Nothing else accepts the token: not as a Bearer on the patient's own route.
  const bearer = await fetch(`${app.url}/api/doses/${a.id}/take`, {
    method: 'POST',
    headers: { authorization: `Bearer ${a.actions.take}` },
  });
  assert.equal(bearer.status, 401);
  assert.deepEqual(await doseRows(ids), before, 'a refused action changed a dose');
  // None of the refusals used the real token up.
  const ok = await act('take', { token: a.actions.take });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
});

test('signing out on the browser (unsubscribing) ends its tokens', async () => {
  const { patient, sub, ids, pushed } = await twoDosesDue();
  const gone = await patient.api.del('/api/push/subscriptions', { endpoint: sub.subscription.endpoint });
  assert.equal(gone.status, 204);
  const r = await act('take', { token: pushed[0].actions.take });
  assert.deepEqual([r.status, r.body.error?.code], [401, 'ACTION_TOKEN_INVALID']);
  assert.deepEqual(
    (await doseRows(ids)).map((d) => d.status),
    ['due', 'due'],
  );
});

test('a token whose action fails is not used up', async () => {
  const { patient, pushed } = await twoDosesDue();
  const d = pushed[0];
  // Skipped in the app meanwhile: the notification's Take is refused (409), the token stays unused.
  const skipped = await patient.api.post(`/api/doses/${d.id}/skip`, { reason: 'other' });
  assert.equal(skipped.status, 200, JSON.stringify(skipped.body));
  for (let i = 0; i < 2; i++) {
    const r = await act('take', { token: d.actions.take });
    assert.deepEqual([r.status, r.body.error?.code], [409, 'DOSE_SKIPPED']);
  }
});
