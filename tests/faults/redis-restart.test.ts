// Fault: Redis itself restarted under load (killed, then started again on the same port, empty).
// A Redis of the test's own serves an API process, a worker process and the in-process app that
// builds the plans; patients are connected and take each dose when it arrives, while doses keep
// falling due across the restart. Every delayed job dies with the Redis data: the worker's
// reconciliation pass (doses/scheduling.ts, from next_attempt_at) must queue them again. Queues,
// the socket.io adapter/emitter and the rate limiter must reconnect; every dose is delivered once
// and counted once, and each client ends with exactly its outbox (live, plus `sync`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inArray } from 'drizzle-orm';
import { planItems, reminders } from '../../src/db/schema.js';
import { startTestApp, testEnv, type TestApp } from '../helpers/app.js';
import { signup } from '../helpers/factories.js';
import { compareWithOutbox, connectTakers } from '../helpers/faultClients.js';
import { firstDoses, outboxCounts, outboxOf, population, stopPlans } from '../helpers/faultWorld.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { request } from '../helpers/http.js';
import { type OwnRedis, ownRedis } from '../helpers/ownServers.js';
import { eventually, sleep } from '../helpers/poll.js';
import { errorLines, faultSummary, type Proc, startReady, stopProcess } from '../helpers/processes.js';

const PATIENTS = Number(process.env.FAULT_CLIENTS ?? 120);
const DAY = '86400000'; // a real day: each patient has one dose due during the case, no nudge
const OUTAGE_MS = 2000;

if (!process.env.TEST_PG_URL)
  throw new Error('tests/faults need PostgreSQL: run `npm test` with TEST_DATABASE_URL set');

let store: FreshStore;
let redis: OwnRedis;
let control: TestApp; // in-process (ROLE=api, on our Redis): builds plans, reads the truth
const procs: Proc[] = [];
const patientIds: string[] = [];
let closeClients = () => {};
before(async () => {
  store = await freshStore('rrestart');
  redis = await ownRedis();
  await redis.start();
  const env = { ...store.env, REDIS_URL: redis.url, SCHEDULE_DAY_MS: DAY };
  control = await startTestApp({ ...env, ROLE: 'api' });
  procs.push(
    ...(await Promise.all([startReady('api', 'api', testEnv(env)), startReady('worker', 'worker', testEnv(env))])),
  );
});
after(async () => {
  await stopPlans(control, patientIds).catch(() => {});
  closeClients();
  for (const p of procs) await stopProcess(p);
  await control?.stop();
  await redis?.stop();
  await store?.drop();
});

test(`Redis restarted empty under load (${PATIENTS} clients): queues, adapter, limiter reconnect; nothing lost or doubled`, async () => {
  const [api, worker] = procs as [Proc, Proc];
  const { doctor, patients } = await population(api.url!, PATIENTS);
  patientIds.push(...patients.map((p) => p.id));
  const takers = await connectTakers(patients, [api.url!]);
  const { clients } = takers;
  closeClients = takers.close;

  // Each dose falls due 2.5 s after its plan is built: the first ones are delivered (and taken)
  // before the kill, the last ones' delayed jobs are in Redis when it dies.
  const doses = await firstDoses(control, doctor, patients, () => new Date(Date.now() + 2500));
  takers.setDoses(new Map(doses.map((d) => [d.patientId, d.doseId])));
  const doseIds = doses.map((d) => d.doseId);
  const rowsNow = () => control.ctx.db.select().from(reminders).where(inArray(reminders.id, doseIds));
  const delivered = (rows: Array<{ status: string }>) => rows.filter((r) => r.status !== 'scheduled').length;
  // However fast the plans were built: a third delivered before the kill, the rest still to come.
  const deliveredBefore = await eventually(
    'a third of the doses delivered',
    async () => {
      const n = delivered(await rowsNow());
      return n >= PATIENTS / 3 ? n : null;
    },
    30_000,
    20,
  );

  await redis.stop('SIGKILL');
  const killedAt = Date.now();
  // While Redis is down: the auth limiter fails closed (a clean 503), the process stays up.
  const during = await request(api.url!, 'POST', '/api/auth/signup', {
    body: {
      name: 'Outage patient',
      email: `outage-${killedAt}@test.carebeat.dev`,
      password: 'correct-horse-1',
      role: 'patient',
    },
  });
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - killedAt)));
  await redis.start(); // same port, empty: no jobs, no scripts, no limiter keys, no subscriptions
  const restartedAt = Date.now();
  const dueInOutage = doses.length - deliveredBefore;

  // The lost jobs come back from PostgreSQL (reconcile), and the queue delivers them.
  await eventually('every dose delivered', async () => delivered(await rowsNow()) === doses.length, 60_000, 100);
  const recoveryMs = Date.now() - restartedAt;
  await sleep(1000); // a doubled delivery, or a live event still on its way, lands here
  const liveBeforeSync = clients.filter((c, i) =>
    [...c.applied.values()].some((e) => e.type === 'dose:due' && e.payload.dose.id === doses[i]!.doseId),
  ).length;
  // Events published while Redis was down never went out live: a client gets them by `sync`
  // (as it does at its next reconnect or seq gap), and takes the dose it finds there.
  for (const c of clients) await c.sync();
  await takers.settled();
  await eventually('every dose taken', async () => (await rowsNow()).every((r) => r.status === 'taken'), 60_000, 100);
  const truth = await outboxOf(control, patientIds);
  await eventually(
    'live dose:taken events land',
    async () => compareWithOutbox(clients, patients, truth).lost === 0,
    10_000,
    100,
  ).catch(() => {});
  for (const c of clients) await c.sync();
  const { lost, wrong } = compareWithOutbox(clients, patients, await outboxOf(control, patientIds));

  // A request after the restart: the auth limiter (fail closed) answers again.
  const afterwards = await signup(api.url!, 'patient', 'After the restart');
  const rows = await rowsNow();
  const dueOutbox = await outboxCounts(control, patientIds, 'dose:due');
  const takenOutbox = await outboxCounts(control, patientIds, 'dose:taken');
  const items = await control.ctx.db
    .select()
    .from(planItems)
    .where(
      inArray(
        planItems.id,
        doses.map((d) => d.planItemId),
      ),
    );
  const doubled =
    clients.reduce((n, c) => n + c.doubled + c.conflicts.length, 0) +
    patientIds.filter((id) => (dueOutbox.get(id) ?? 0) > 1 || (takenOutbox.get(id) ?? 0) > 1).length +
    items.filter((i) => i.completedCheckins > 1).length;
  const expected = [...truth.values()].reduce((n, t) => n + t.length, 0);
  faultSummary('redis-restart', {
    faults: 1,
    expected,
    lost,
    doubled,
    clients: PATIENTS,
    deliveredBeforeKill: deliveredBefore,
    dueAfterKill: dueInOutage,
    liveDue: liveBeforeSync,
    bySync: PATIENTS - liveBeforeSync,
    recoveryMs,
    takes503: takers.statuses.filter((s) => s === 503).length,
    signupDuringOutage: during.status,
    workerErrorLines: errorLines(worker).length,
  });

  assert.ok(api.alive() && worker.alive(), `a process died: ${api.alive() ? worker.output() : api.output()}`);
  assert.ok(dueInOutage > 0, 'some doses were still to fall due when Redis died');
  assert.equal(during.status, 503, JSON.stringify(during.body));
  assert.deepEqual(Object.keys(during.body.error).sort(), ['code', 'message']);
  assert.ok(afterwards.id, 'signup after the restart');
  assert.ok(
    takers.statuses.every((s) => s === 200 || s === 503),
    `take statuses: ${[...new Set(takers.statuses)].join(',')} ${JSON.stringify(takers.refusals.slice(0, 3))}`,
  );
  assert.deepEqual(
    rows.map((r) => [r.status, r.attempts]),
    rows.map(() => ['taken', 1]),
  );
  assert.ok(
    patientIds.every((id) => dueOutbox.get(id) === 1),
    'one dose:due per dose',
  );
  assert.ok(
    patientIds.every((id) => takenOutbox.get(id) === 1),
    'one dose:taken per dose',
  );
  assert.deepEqual(
    items.map((i) => i.completedCheckins),
    items.map(() => 1),
  );
  assert.equal(doubled, 0, 'something arrived or counted twice');
  assert.equal(lost, 0, 'events never reached their client');
  assert.deepEqual(wrong, [], 'a client holds other than its outbox');
  for (const c of clients) {
    const seqs = [...c.applied.keys()].sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      seqs.map((_, k) => k + 1),
      'seqs gapless from 1',
    );
  }
});
