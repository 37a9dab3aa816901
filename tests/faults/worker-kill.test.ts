// Fault: a worker killed with SIGKILL in the middle of a delivery batch. Many doses are due at one
// instant (their jobs wait in Redis while no worker runs, then one worker takes the burst); the
// worker is killed when the first dose:due reaches a patient, and a new worker is started. Every
// due dose must reach its patient once (attempt 1), be one outbox row, and count once when taken.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inArray } from 'drizzle-orm';
import { planItems, reminders } from '../../src/db/schema.js';
import { startTestApp, testEnv, type TestApp } from '../helpers/app.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { firstDoses, outboxCounts, pool, population, stopPlans } from '../helpers/faultWorld.js';
import { eventually, sleep } from '../helpers/poll.js';
import { faultSummary, killHard, type Proc, startProcess, startReady, stopProcess } from '../helpers/processes.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';

const PATIENTS = 150;
const DAY = '86400000'; // a real day: after the first dose nothing else falls due during the case

if (!process.env.TEST_PG_URL)
  throw new Error('tests/faults need PostgreSQL: run `npm test` with TEST_DATABASE_URL set');

let store: FreshStore;
let api: TestApp;
const procs: Proc[] = [];
const sockets: TestSocket[] = [];
const patientIds: string[] = [];
before(async () => {
  // A database and Redis prefix of our own: no other file's jobs or plans in the way.
  store = await freshStore('wkill');
  api = await startTestApp({ ...store.env, ROLE: 'api', SCHEDULE_DAY_MS: DAY });
});
after(async () => {
  await stopPlans(api, patientIds).catch(() => {});
  for (const s of sockets) s.close();
  for (const p of procs) await stopProcess(p);
  await api?.stop();
  await store?.drop();
});

test(`kill -9 a worker mid-batch of ${PATIENTS} doses due at once: each delivered once, counted once`, async () => {
  const t0 = Date.now();
  const { doctor, patients } = await population(api.url, PATIENTS);
  patientIds.push(...patients.map((p) => p.id));
  sockets.push(...(await pool(patients, 20, (p) => connectSocket(api.url, p.token))));
  // No worker yet: the jobs of doses due "now" wait in Redis, and the first worker takes them all.
  const dueAt = new Date(Date.now() + 50);
  const doses = await firstDoses(api, doctor, patients, () => dueAt);
  console.log(`# worker-kill: ${PATIENTS} patients, sockets and plans ready in ${Date.now() - t0} ms`);
  const dueOf = (i: number) =>
    sockets[i]!.events.filter((e) => e.type === 'dose:due' && e.payload.dose.id === doses[i]!.doseId);
  const delivered = () => doses.filter((_, i) => dueOf(i).length > 0).length;

  const env = testEnv({ ...store.env, SCHEDULE_DAY_MS: DAY });
  const first = await startProcess('worker1', 'worker', env);
  procs.push(first);
  await eventually('the first dose:due', async () => delivered() > 0 || !first.alive(), 60_000, 5);
  assert.ok(first.alive(), `worker1 exited: ${first.output()}`);
  await killHard(first);
  const killedAt = Date.now();
  await sleep(300); // events already on their way through Redis land
  const beforeKill = delivered();

  const second = await startReady('worker2', 'worker', env);
  procs.push(second);
  const secondUp = Date.now() - killedAt;
  // Delivered = committed: the row is `due` and its outbox row exists. A delivery whose commit
  // landed just before the kill was never emitted live; the client gets it by `sync` (DESIGN §5).
  const doseIds = doses.map((d) => d.doseId);
  const rowsNow = () => api.ctx.db.select().from(reminders).where(inArray(reminders.id, doseIds));
  await eventually('every dose delivered', async () => (await rowsNow()).every((r) => r.status === 'due'), 60_000, 100);
  const recoveredMs = Date.now() - killedAt;
  await sleep(1000); // a doubled delivery would arrive here
  const live = delivered();
  // Each client syncs from the last seq it saw, as a client does on (re)connect.
  for (const [i, s] of sockets.entries()) {
    const lastSeq = Math.max(0, ...s.events.map((e) => e.payload.seq as number));
    const page = await s.request<{ events: Array<{ type: string; payload: any }> }>('sync', { afterSeq: lastSeq });
    for (const e of page.events) s.events.push(e as never);
    assert.ok(page.events.length <= 1, `patient ${i}: ${page.events.length} events missed`);
  }

  let doubled = 0;
  for (const [i, d] of doses.entries()) {
    const got = dueOf(i).map((e) => e.payload);
    doubled += Math.max(0, got.length - 1);
    assert.ok(
      got.every((g) => g.dose.attempts === 1 && g.kind === 'due'),
      `dose ${d.doseId}: ${JSON.stringify(got)}`,
    );
  }
  const rows = await rowsNow();
  const outbox = await outboxCounts(api, patientIds, 'dose:due');
  const outboxDoubled = patientIds.filter((id) => (outbox.get(id) ?? 0) > 1).length;
  const lost = PATIENTS - delivered() + rows.filter((r) => r.status !== 'due').length;
  faultSummary('worker-kill', {
    faults: 1,
    expected: PATIENTS,
    lost,
    doubled: doubled + outboxDoubled,
    deliveredBeforeKill: beforeKill,
    liveAfterRecovery: live,
    bySync: PATIENTS - live,
    worker2ReadyMs: secondUp,
    recoveryMs: recoveredMs,
  });
  assert.equal(lost, 0, 'a dose never reached its patient');
  assert.equal(doubled, 0, 'a patient got a dose:due twice');
  assert.deepEqual(
    rows.map((r) => [r.status, r.attempts]),
    rows.map(() => ['due', 1]),
  );
  assert.equal(rows.length, PATIENTS);
  assert.ok(
    patientIds.every((id) => outbox.get(id) === 1),
    'each patient has exactly one dose:due in the outbox',
  );

  // Counted once: each dose taken once moves its item's count to 1, with one dose:taken each.
  const taken = await pool(patients, 10, (p, i) => p.api.post(`/api/doses/${doses[i]!.doseId}/take`));
  assert.ok(
    taken.every((r) => r.status === 200),
    JSON.stringify(taken.find((r) => r.status !== 200)?.body),
  );
  const items = await api.ctx.db
    .select()
    .from(planItems)
    .where(
      inArray(
        planItems.id,
        doses.map((d) => d.planItemId),
      ),
    );
  assert.deepEqual(
    items.map((i) => i.completedCheckins),
    items.map(() => 1),
  );
  const takenOutbox = await outboxCounts(api, patientIds, 'dose:taken');
  assert.ok(patientIds.every((id) => takenOutbox.get(id) === 1));
});
