// Faults in PostgreSQL. (a) Every backend of the case's database terminated, again and again,
// while requests (notes, takes, reads) and jobs (deliveries, extractions) run: a request either
// succeeds or fails with a clean 503 in the error shape, never a 500; failed jobs are retried and
// complete; no transaction is half-written (checked by SQL). (b) A PostgreSQL server of the case's
// own stopped and started again under requests: 503 meanwhile, /readyz 503 saying why, the process
// stays up and serves again without a restart.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { inArray } from 'drizzle-orm';
import { notes, reminders } from '../../src/db/schema.js';
import { startTestApp, testEnv } from '../helpers/app.js';
import { createPatient, signup } from '../helpers/factories.js';
import { compareWithOutbox, connectTakers } from '../helpers/faultClients.js';
import { firstDoses, outboxOf, population, stopPlans } from '../helpers/faultWorld.js';
import { freshStore } from '../helpers/freshDatabase.js';
import { request } from '../helpers/http.js';
import { ownPostgres } from '../helpers/ownServers.js';
import { cleanError, partialWrites, steadyLoad, terminateBackends } from '../helpers/pgFaults.js';
import { eventually, sleep } from '../helpers/poll.js';
import { faultSummary, startReady, stopProcess } from '../helpers/processes.js';
import { SeqClient } from '../helpers/seqClient.js';

const PATIENTS = 40;
const STORM = 12; // terminations, 300 ms apart
const DAY = '86400000';
const NOTE = 'Take vitamin D 1000 IU once daily for 3 days. Drink water with it.';

if (!process.env.TEST_PG_URL)
  throw new Error('tests/faults need PostgreSQL: run `npm test` with TEST_DATABASE_URL set');

const cleanups: Array<() => Promise<unknown>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});
const started = async (name: string, role: 'api' | 'worker', env: Record<string, string>) => {
  const proc = await startReady(name, role, env);
  cleanups.push(() => stopProcess(proc));
  return proc;
};
const summarize = (answers: Array<{ status: number }>) => {
  const by = new Map<number, number>();
  for (const a of answers) by.set(a.status, (by.get(a.status) ?? 0) + 1);
  return [...by].map(([s, n]) => `${s}:${n}`).join(',');
};

test('pg_terminate_backend mid-transaction: 503 or success, never 500; jobs retried; no partial writes', async () => {
  const store = await freshStore('pgterm');
  cleanups.push(() => store.drop());
  const dbName = new URL(store.env.DATABASE_URL!).pathname.slice(1);
  const control = await startTestApp({ ...store.env, ROLE: 'api', SCHEDULE_DAY_MS: DAY });
  cleanups.push(() => control.stop());
  const env = testEnv({ ...store.env, SCHEDULE_DAY_MS: DAY });
  const [api, worker] = [await started('api', 'api', env), await started('worker', 'worker', env)];
  const { doctor, patients } = await population(api.url!, PATIENTS);
  const patientIds = patients.map((p) => p.id);
  cleanups.push(() => stopPlans(control, patientIds));
  const takers = await connectTakers(patients, [api.url!]);
  cleanups.push(async () => takers.close());
  // Due 2.5 s after each plan is built: the last deliveries (and takes) run into the storm.
  const doses = await firstDoses(control, doctor, patients, () => new Date(Date.now() + 2500));
  takers.setDoses(new Map(doses.map((d) => [d.patientId, d.doseId])));

  // Notes (a transaction with its outbox rows, then an extraction job) and reads, back to back.
  const load = steadyLoad(api.url!, (i) =>
    i % 3 === 2
      ? { method: 'GET', path: `/api/patients/${patientIds[i % PATIENTS]}/doses`, token: doctor.token }
      : {
          method: 'POST',
          path: `/api/patients/${patientIds[i % PATIENTS]}/notes`,
          token: doctor.token,
          body: { content: NOTE, mode: 'add' },
        },
  );
  let terminated = 0;
  for (let k = 0; k < STORM; k++) {
    terminated += await terminateBackends(process.env.TEST_PG_URL!, dbName);
    await sleep(300);
  }
  await load.stop();

  // Jobs that failed under the storm are retried and complete: every dose delivered, then taken;
  // every note's extraction finished.
  const doseIds = doses.map((d) => d.doseId);
  const rowsNow = () => control.ctx.db.select().from(reminders).where(inArray(reminders.id, doseIds));
  await eventually(
    'every dose delivered',
    async () => {
      if (!api.alive() || !worker.alive()) throw new Error(`a process died: ${api.output()}\n${worker.output()}`);
      return (await rowsNow()).every((r) => r.status !== 'scheduled');
    },
    60_000,
    200,
  );
  for (const c of takers.clients) await c.sync(); // a delivery emitted into a dying connection
  await takers.settled();
  await eventually('every dose taken', async () => (await rowsNow()).every((r) => r.status === 'taken'), 30_000, 200);
  const noteRows = () => control.ctx.db.select({ status: notes.status }).from(notes);
  await eventually(
    'every extraction done',
    async () => (await noteRows()).every((n) => ['ready', 'needs_review'].includes(n.status)),
    60_000,
    200,
  ).catch(() => {});
  const noteStatuses = summarize((await noteRows()).map((n) => ({ status: n.status as unknown as number })));

  const partial = await partialWrites(store.env.DATABASE_URL!);
  for (const c of takers.clients) await c.sync();
  const truth = await outboxOf(control, patientIds);
  const { lost, wrong } = compareWithOutbox(takers.clients, patients, truth);
  const doubled = takers.clients.reduce((n, c) => n + c.doubled + c.conflicts.length, 0);
  const answers = [...load.answers, ...takers.statuses.map((status) => ({ status }))];
  const refusals = [...load.answers.filter((a) => a.status >= 400).map((a) => a.body), ...takers.refusals];
  faultSummary('postgres-faults/terminate', {
    faults: terminated,
    expected: [...truth.values()].reduce((n, t) => n + t.length, 0),
    lost,
    doubled,
    storms: STORM,
    answers: summarize(answers),
    notes: noteStatuses,
    partialWrites: Object.values(partial).reduce((a, b) => a + b, 0),
  });
  assert.ok(api.alive() && worker.alive(), `a process died: ${api.alive() ? worker.output() : api.output()}`);
  assert.ok(terminated > STORM, 'backends were terminated');
  assert.deepEqual(
    answers.filter((a) => ![200, 202, 503].includes(a.status)).map((a) => a.status),
    [],
    `answers: ${summarize(answers)} ${JSON.stringify(refusals.find((b) => !cleanError(b)))}`,
  );
  assert.ok(refusals.every(cleanError), JSON.stringify(refusals.find((b) => !cleanError(b))));
  assert.deepEqual(partial, {
    noteWithoutEvent: 0,
    takenWithoutEvent: 0,
    dueWithoutEvent: 0,
    countNotTaken: 0,
    cursorOff: 0,
  });
  assert.match(noteStatuses, /^((ready|needs_review):\d+,?)+$/, 'every extraction completed');
  assert.deepEqual(
    (await rowsNow()).map((r) => r.attempts),
    doseIds.map(() => 1),
  );
  assert.equal(doubled, 0);
  assert.equal(lost, 0);
  assert.deepEqual(wrong, []);
});

test('PostgreSQL server restarted: 503 meanwhile, /readyz says why, serves again without a restart', async () => {
  const pg = await ownPostgres();
  cleanups.push(() => pg.drop());
  await pg.start();
  const env = testEnv({ DATABASE_URL: pg.url, REDIS_PREFIX: `${process.env.TEST_REDIS_PREFIX}:pgrestart` });
  const [api, worker] = [await started('api', 'api', env), await started('worker', 'worker', env)];
  const doctor = await signup(api.url!, 'doctor');
  const patient = await createPatient(api.url!, { doctor });
  const settings = { timezone: 'UTC', wakeTime: '07:00', sleepTime: '22:30', quietHours: true };
  const load = steadyLoad(api.url!, (i) =>
    i % 2
      ? { method: 'GET', path: '/api/me/settings', token: patient.token }
      : { method: 'PUT', path: '/api/me/settings', token: patient.token, body: settings },
  );
  const socket = new SeqClient(patient.token, [api.url!], 0);
  await socket.connect();
  cleanups.push(async () => socket.close());
  const syncAck = () => socket.socket!.timeout(15_000).emitWithAck('sync', { afterSeq: 0 });
  await sleep(500);

  await pg.stop('fast');
  const stoppedAt = Date.now();
  const readyz = await eventually('/readyz 503', async () => {
    const res = await request(api.url!, 'GET', '/readyz');
    return res.status === 503 ? res : null;
  });
  const ackDuring = await syncAck(); // a socket command: the same 503 code, in the ack's shape
  await sleep(2000);
  // The server accepts connections before pg_ctlcluster returns: the outage ends when it is called.
  const startedAt = Date.now();
  await pg.start();
  const startMs = Date.now() - startedAt;
  const served = await eventually(
    'a request served again',
    async () => load.answers.find((a) => a.at > startedAt && a.status === 200),
    30_000,
    50,
  );
  await eventually('/readyz 200', async () => (await request(api.url!, 'GET', '/readyz')).status === 200, 30_000, 100);
  await sleep(500);
  await load.stop();
  const afterwards = await signup(api.url!, 'patient', 'After the restart');
  const ackAfter = await syncAck();

  const outage = load.answers.filter((a) => a.at > stoppedAt + 200 && a.at < startedAt);
  faultSummary('postgres-faults/restart', {
    faults: 1,
    expected: load.answers.length,
    lost: load.answers.filter((a) => a.status !== 200 && a.status !== 503).length,
    doubled: 0,
    outageAnswers: summarize(outage),
    servedAgainMs: served.at - startedAt,
    pgStartMs: startMs,
    readyzDuringOutage: `${readyz.status} ${readyz.body.reason}`,
    all: summarize(load.answers),
  });
  assert.ok(api.alive() && worker.alive(), `a process died: ${api.alive() ? worker.output() : api.output()}`);
  assert.equal(readyz.body.ok, false);
  assert.equal(readyz.body.db, false);
  assert.match(String(readyz.body.reason), /PostgreSQL is unreachable/);
  assert.ok(outage.length > 0 && outage.every((a) => a.status === 503 && cleanError(a.body)), summarize(outage));
  assert.deepEqual(
    load.answers.filter((a) => a.status !== 200 && a.status !== 503).map((a) => [a.status, a.body]),
    [],
  );
  assert.ok(afterwards.id);
  assert.equal(ackDuring.ok, false);
  assert.ok(
    cleanError({ error: ackDuring.error }) && ackDuring.error.code === 'DATABASE_UNAVAILABLE',
    JSON.stringify(ackDuring),
  );
  assert.equal(ackAfter.ok, true, JSON.stringify(ackAfter));
});
