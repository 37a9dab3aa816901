// Pushes of doses that fall due together go out as one job per delivery batch (issue 14): every
// device still gets its own patient's dose once, a device answered 410 is deleted without holding
// back the others, one answered 429 is tried again on its own, and each push is on the trail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, planItems, pushSubscriptions, reminders } from '../../src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { buildPlan, createDoctor, createPatient } from '../helpers/factories.js';
import { startPushService, type PushService } from '../helpers/pushService.js';
import { eventually, sleep } from '../helpers/poll.js';

const PATIENTS = 8;
let app: TestApp;
let service: PushService;
const patients: string[] = [];
before(async () => {
  service = await startPushService();
  app = await startTestApp(
    { PUSH_TTL_SECONDS: '120', PUSH_ENDPOINT_HOSTS: '127.0.0.1', PUSH_ALLOW_PRIVATE: '1' },
    { pushAgent: service.agent },
  );
});
after(async () => {
  await app.ctx.db
    .update(planItems)
    .set({ status: 'stopped' })
    .where(and(inArray(planItems.patientId, patients), eq(planItems.status, 'active')));
  await app.stop();
  await service.close();
});

test(`${PATIENTS} doses due at one instant: one push job, each device its own dose once`, async () => {
  const doctor = await createDoctor(app.url);
  const people = [];
  for (let i = 0; i < PATIENTS; i++) {
    const patient = await createPatient(app.url, { doctor, name: `Push batch ${i}` });
    patients.push(patient.id);
    const sub = service.createSubscriber();
    const res = await patient.api.post('/api/push/subscriptions', sub.subscription);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    people.push({ patient, sub, subscriptionId: res.body.subscription.id as string });
  }
  service.setBehaviour(people[0]!.sub.id, 'gone');
  service.setBehaviour(people[1]!.sub.id, { status: 429, retryAfter: '1' });

  const dueAt = new Date(Date.now() + 4000);
  const plans = [];
  for (const [i, p] of people.entries()) {
    const items = [{ text: `Take tablet number ${i}`, frequencyPerDay: 1, durationDays: 2 }];
    const { plan } = await buildPlan({ app, doctor, patient: p.patient }, { items, firstDueAt: dueAt });
    plans.push({ ...p, item: plan[0]! });
  }
  assert.ok(Date.now() < dueAt.getTime(), 'the plans were built after their shared due time');

  const [gone, later, ...served] = plans as [(typeof plans)[0], (typeof plans)[0], ...typeof plans];
  for (const p of served) {
    const msg = await service.waitFor(p.sub.id, undefined, 20_000);
    assert.deepEqual(
      msg.payload.doses.map((d: { planItemId: string; text: string }) => [d.planItemId, d.text]),
      [[p.item.id, p.item.text]],
      "the patient's own dose and text",
    );
  }
  // The 429 device is tried again on its own after a second, and gets the same dose. Its first
  // try may still be in flight beside the others: it is answered 429 before anything changes.
  await eventually('the 429 answered', async () => service.requests(later.sub.id).length > 0, 20_000);
  service.setBehaviour(later.sub.id, 'ok');
  const retried = await service.waitFor(later.sub.id, undefined, 20_000);
  assert.equal(retried.payload.doses[0].planItemId, later.item.id);
  assert.deepEqual(
    service.requests(later.sub.id).map((r) => r.status),
    [429, 201],
  );
  await eventually('the 410 subscription is deleted', async () => {
    const left = await app.ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, gone.subscriptionId));
    return left.length === 0;
  });
  await sleep(1000); // a doubled push would arrive here
  for (const p of served) assert.equal(service.received(p.sub.id).length, 1, 'exactly one push per device');

  // On the trail: one push.read per device per try, naming that patient's dose only. The first
  // tries were one job, so one audit batch: one timestamp.
  const firsts = await app.ctx.db
    .select({ id: reminders.id, planItemId: reminders.planItemId })
    .from(reminders)
    .where(
      and(
        inArray(
          reminders.planItemId,
          plans.map((p) => p.item.id),
        ),
        eq(reminders.seq, 1),
      ),
    );
  const doseOf = new Map(firsts.map((f) => [f.planItemId, f.id]));
  const trail = await app.ctx.db
    .select({ actorId: auditLog.actorId, subject: auditLog.subject, at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'push.read'), inArray(auditLog.actorId, patients)));
  for (const p of plans) {
    const mine = trail.filter((t) => t.actorId === p.patient.id);
    assert.equal(mine.length, p === later ? 2 : 1, 'one entry per push tried');
    for (const t of mine) assert.equal(t.subject, `doses:${doseOf.get(p.item.id)}`);
  }
  const firstTries = plans.map((p) => trail.find((t) => t.actorId === p.patient.id)!.at.getTime());
  assert.equal(new Set(firstTries).size, 1, 'the first tries were audited as one batch');
});
