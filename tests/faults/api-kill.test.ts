// Fault: one of two API processes killed with SIGKILL while clients are connected and doses fall
// due. Two API processes (ROLE=api) and one worker (ROLE=worker) are child processes on one
// database and Redis prefix; the clients are spread over both APIs and take each dose when it
// arrives. When API 1 dies its clients reconnect to API 2 and `sync` from their last seq. Every
// client must end with exactly its outbox: every event once, seqs 1..n without a gap.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inArray } from 'drizzle-orm';
import { planItems, reminders } from '../../src/db/schema.js';
import { startTestApp, testEnv, type TestApp } from '../helpers/app.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { firstDoses, outboxOf, pool, population, stopPlans } from '../helpers/faultWorld.js';
import { request } from '../helpers/http.js';
import { eventually, sleep } from '../helpers/poll.js';
import { errorLines, faultSummary, killHard, type Proc, startReady, stopProcess } from '../helpers/processes.js';
import { type Applied, SeqClient } from '../helpers/seqClient.js';

const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 500);
const DAY = '86400000'; // a real day: each patient has one dose due during the case

if (!process.env.TEST_PG_URL)
  throw new Error('tests/faults need PostgreSQL: run `npm test` with TEST_DATABASE_URL set');

let store: FreshStore;
let control: TestApp; // in-process, for building plans and reading the truth; no client uses it
const procs: Proc[] = [];
const clients: SeqClient[] = [];
const patientIds: string[] = [];
before(async () => {
  store = await freshStore('akill');
  control = await startTestApp({ ...store.env, ROLE: 'api', SCHEDULE_DAY_MS: DAY });
  const env = testEnv({ ...store.env, SCHEDULE_DAY_MS: DAY });
  procs.push(
    ...(await Promise.all([
      startReady('api1', 'api', env),
      startReady('api2', 'api', env),
      startReady('worker', 'worker', env),
    ])),
  );
});
after(async () => {
  await stopPlans(control, patientIds).catch(() => {});
  for (const c of clients) c.close();
  for (const p of procs) await stopProcess(p);
  await control?.stop();
  await store?.drop();
});

test(`kill -9 one of two APIs with ${CLIENTS} clients: all reconnect, sync, every event once in order`, async () => {
  const [api1, api2, worker] = procs as [Proc, Proc, Proc];
  const urls = [api1.url!, api2.url!];
  const t0 = Date.now();
  const { doctor, patients } = await population(urls[1]!, CLIENTS);
  patientIds.push(...patients.map((p) => p.id));
  const doseOf = new Map<string, string>(); // patient id → their dose id, once built
  const takes: Array<Promise<number>> = [];
  const takenDose = new Set<string>();
  /** A take on the client's current API; a refused connection (the killed API) retries on the survivor. */
  const take = async (client: SeqClient, token: string, doseId: string) => {
    for (let tries = 0; ; tries++) {
      try {
        const res = await request(client.url, 'POST', `/api/doses/${doseId}/take`, { token });
        return res.status;
      } catch (err) {
        if (tries > 20) throw err;
        await sleep(250);
      }
    }
  };
  await pool(patients, 20, async (p, i) => {
    const client: SeqClient = new SeqClient(p.token, urls, i, (e: Applied) => {
      if (e.type !== 'dose:due' || e.payload.dose.id !== doseOf.get(p.id) || takenDose.has(e.payload.dose.id)) return;
      takenDose.add(e.payload.dose.id);
      takes.push(take(client, p.token, e.payload.dose.id));
    });
    clients[i] = client;
    await client.connect();
  });
  console.log(`# api-kill: ${CLIENTS} clients connected (half on each API) in ${Date.now() - t0} ms`);

  // Each dose falls due 3 s after its plan is built, so doses keep falling due before, during and
  // after the kill (the plans are still being built when it comes).
  let delivered = 0;
  const countDelivered = () => {
    delivered = clients.filter((c) => [...c.applied.values()].some((e) => e.type === 'dose:due')).length;
    return delivered;
  };
  const onApi1 = clients.filter((c) => c.url === urls[0]);
  for (const c of onApi1) c.failOverTo(() => urls[1]!);
  let killedAt = 0;
  let dueBeforeKill = 0;
  const killer = (async () => {
    await eventually('a third of the doses delivered', async () => countDelivered() >= CLIENTS / 3, 60_000, 20);
    dueBeforeKill = delivered;
    await killHard(api1);
    killedAt = Date.now();
  })();
  const doses = await firstDoses(control, doctor, patients, () => new Date(Date.now() + 3000));
  for (const d of doses) doseOf.set(d.patientId, d.doseId);
  // A dose:due that arrived before its id was known here is taken now.
  for (const [i, c] of clients.entries()) {
    const due = [...c.applied.values()].find((e) => e.type === 'dose:due' && e.payload.dose.id === doses[i]!.doseId);
    if (due && !takenDose.has(doses[i]!.doseId)) {
      takenDose.add(doses[i]!.doseId);
      takes.push(take(c, patients[i]!.token, doses[i]!.doseId));
    }
  }
  await killer;
  await eventually(
    'every client of API 1 disconnected',
    async () => onApi1.every((c) => c.recovered),
    30_000,
    20,
  ).catch(() => {
    const stuck = onApi1.filter((c) => !c.recovered);
    throw new Error(
      `${stuck.length} clients saw no disconnect; connected: ${stuck.filter((c) => c.socket?.connected).length}`,
    );
  });
  await Promise.all(onApi1.map((c) => c.recovered));
  const reconnectedMs = Date.now() - killedAt;

  // Every dose delivered and taken (the truth in PostgreSQL), then every client holds its outbox.
  const doseIds = doses.map((d) => d.doseId);
  await eventually(
    'every dose taken',
    async () => {
      const rows = await control.ctx.db.select().from(reminders).where(inArray(reminders.id, doseIds));
      return rows.every((r) => r.status === 'taken');
    },
    60_000,
    200,
  );
  const statuses = await Promise.all(takes);
  let truth = await outboxOf(control, patientIds);
  const missing = () =>
    clients.reduce((n, c, i) => n + truth.get(patients[i]!.id)!.filter((e) => !c.applied.has(e.seq)).length, 0);
  // Live events still in flight land; nothing is synced here beyond the reconnect's own sync.
  await eventually('clients hold their outbox', async () => missing() === 0, 15_000, 200).catch(() => {});
  truth = await outboxOf(control, patientIds);
  const lost = missing();
  const expected = [...truth.values()].reduce((n, t) => n + t.length, 0);
  const doubled = clients.reduce((n, c) => n + c.doubled, 0);
  faultSummary('api-kill', {
    faults: 1,
    expected,
    lost,
    doubled,
    clients: CLIENTS,
    failedOver: onApi1.length,
    dosesDueBeforeKill: dueBeforeKill,
    reconnectAndSyncMs: reconnectedMs,
    syncedEvents: clients.reduce((n, c) => n + c.syncedEvents, 0),
    liveOutOfOrder: clients.reduce((n, c) => n + c.outOfOrder, 0),
  });
  assert.equal(api1.alive(), false);
  assert.ok(onApi1.length >= CLIENTS / 2 - 1, 'half of the clients were on the killed API');
  assert.ok(
    onApi1.every((c) => c.url === urls[1] && c.socket!.connected),
    'every client of API 1 is on API 2',
  );
  assert.equal(doubled, 0, 'an event reached a connection twice');
  assert.deepEqual(
    clients.flatMap((c) => c.conflicts),
    [],
  );
  assert.equal(lost, 0, 'events never reached their client');
  for (const [i, c] of clients.entries()) {
    const mine = truth.get(patients[i]!.id)!;
    const held = [...c.applied.values()].sort((a, b) => a.seq - b.seq);
    // Exactly the outbox, in order: seqs 1..n without a gap, and the same event at each seq.
    assert.deepEqual(
      held.map((e) => [e.seq, e.id]),
      mine.map((e) => [e.seq, e.id]),
      `client ${i}`,
    );
    assert.deepEqual(
      held.map((e) => e.seq),
      held.map((_, k) => k + 1),
    );
  }
  // Each dose counted once, though some takes were retried on the survivor.
  assert.ok(
    statuses.every((s) => s === 200 || s === 409),
    `take statuses: ${[...new Set(statuses)].join(',')}`,
  );
  const items = await control.ctx.db
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
  for (const p of [api2, worker]) assert.deepEqual(errorLines(p), [], `${p.name} logged an error`);
});
