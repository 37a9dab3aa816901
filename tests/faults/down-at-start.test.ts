// Fault: a dependency down when the process starts. An API process (and a worker) started against
// a Redis port nobody listens on, and separately against a PostgreSQL port with nothing on it,
// must not exit: the API answers /readyz 503 naming what it waits for (other routes 503 in the
// error shape), and once the dependency starts the same process becomes ready and serves.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv } from '../helpers/app.js';
import { freshStore } from '../helpers/freshDatabase.js';
import { request } from '../helpers/http.js';
import { ownPostgres, ownRedis } from '../helpers/ownServers.js';
import { eventually, sleep } from '../helpers/poll.js';
import { faultSummary, type Proc, startProcess, stopProcess, waitForProcess } from '../helpers/processes.js';

if (!process.env.TEST_PG_URL)
  throw new Error('tests/faults need PostgreSQL: run `npm test` with TEST_DATABASE_URL set');

const cleanups: Array<() => Promise<unknown>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

/** The interim /readyz once start is waiting on `dependency` (before that it reads "starting"). */
async function waitingReadyz(proc: Proc, dependency: RegExp) {
  return eventually(
    `${proc.name} answering /readyz with what it waits for`,
    async () => {
      if (!proc.alive()) throw new Error(`${proc.name} exited: ${proc.output()}`);
      const res = await request(proc.url!, 'GET', '/readyz').catch(() => null);
      return res && dependency.test(String(res.body?.reason)) ? res : null;
    },
    60_000,
    100,
  );
}

async function signupWorks(url: string) {
  const res = await request(url, 'POST', '/api/auth/signup', {
    body: {
      name: 'Late patient',
      email: `late-${Date.now()}@test.carebeat.dev`,
      password: 'correct-horse-1',
      role: 'patient',
    },
  });
  return res;
}

test('Redis down at start: /readyz 503 "Redis", then ready without a restart once Redis starts', async () => {
  const store = await freshStore('downredis');
  cleanups.push(() => store.drop());
  const redis = await ownRedis(); // a free port; not started yet
  cleanups.push(() => redis.stop());
  const env = testEnv({ ...store.env, REDIS_URL: redis.url });
  const api = await startProcess('api', 'api', env);
  const worker = await startProcess('worker', 'worker', env);
  cleanups.push(
    () => stopProcess(api),
    () => stopProcess(worker),
  );

  const waiting = await waitingReadyz(api, /Redis/);
  assert.equal(waiting.status, 503, JSON.stringify(waiting.body));
  assert.equal(waiting.body.ok, false);
  assert.equal(waiting.body.redis, false);
  assert.equal(waiting.body.db, true, 'PostgreSQL is up: only Redis is named');
  assert.match(waiting.body.reason, /Redis is unreachable/);
  const refused = await signupWorks(api.url!);
  assert.equal(refused.status, 503);
  assert.deepEqual(Object.keys(refused.body.error).sort(), ['code', 'message']);
  await sleep(1500);
  assert.ok(api.alive() && worker.alive(), 'a process exited instead of waiting');
  assert.ok(!worker.output().includes('Carebeat worker running'));

  const startedAt = Date.now();
  await redis.start();
  await waitForProcess(api);
  await waitForProcess(worker);
  const readyMs = Date.now() - startedAt;
  const ok = await signupWorks(api.url!); // the rate limiter (Redis) and the database both answer
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.deepEqual((await request(api.url!, 'GET', '/readyz')).body, { ok: true, db: true, redis: true });
  faultSummary('down-at-start/redis', {
    faults: 1,
    expected: 1,
    lost: ok.status === 201 ? 0 : 1,
    doubled: 0,
    readyAfterStartMs: readyMs,
  });
});

test('PostgreSQL down at start: /readyz 503 "PostgreSQL", then ready without a restart once it starts', async () => {
  const pg = await ownPostgres(); // a cluster of our own, created but not started
  cleanups.push(() => pg.drop());
  const env = testEnv({ DATABASE_URL: pg.url, REDIS_PREFIX: `${process.env.TEST_REDIS_PREFIX}:downpg` });
  const api = await startProcess('api', 'api', env);
  cleanups.push(() => stopProcess(api));

  const waiting = await waitingReadyz(api, /PostgreSQL/);
  assert.equal(waiting.status, 503, JSON.stringify(waiting.body));
  assert.equal(waiting.body.db, false);
  assert.match(waiting.body.reason, /PostgreSQL is unreachable/);
  assert.doesNotMatch(JSON.stringify(waiting.body), /ECONNREFUSED|127\.0\.0\.1|postgres:\/\//, 'no internals');
  await sleep(1500);
  assert.ok(api.alive(), 'the API exited instead of waiting');

  const startedAt = Date.now();
  await pg.start();
  await waitForProcess(api);
  const readyMs = Date.now() - startedAt;
  const ok = await signupWorks(api.url!); // migrated and writing
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  faultSummary('down-at-start/postgres', {
    faults: 1,
    expected: 1,
    lost: ok.status === 201 ? 0 : 1,
    doubled: 0,
    readyAfterStartMs: readyMs,
  });
});
