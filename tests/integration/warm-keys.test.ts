// A worker unwraps, ahead of time, the keys of the doses due in the next minute (doses/warmKeys.ts),
// so that a morning burst spends its CPU on delivering. Proven on a worker process of its own (its
// caches start empty; the plans are built by this process, which renders their events itself):
// its /metrics count the unwraps it made. They are made before the dose is due, only for the dose
// inside the window and of an active plan, and its delivery then unwraps nothing more. A pair is
// read once per window and again at its next dose time (this process's own warmer, on a clock the
// test drives).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { planItems, reminders } from '../../src/db/schema.js';
import { keyWarmer } from '../../src/doses/warmKeys.js';
import { keyUnwraps } from '../../src/metrics.js';
import { startTestApp, testEnv, type TestApp } from '../helpers/app.js';
import { buildPlan, createDoctor, createPatient } from '../helpers/factories.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { eventually, sleep } from '../helpers/poll.js';
import { type Proc, startReady, stopProcess } from '../helpers/processes.js';

let store: FreshStore;
let app: TestApp;
let worker: Proc;
before(async () => {
  store = await freshStore('warm');
  // This process only serves the API: every dose is delivered by the child, which warms its keys.
  app = await startTestApp({ ...store.env, ROLE: 'api' });
  worker = await startReady('warm-all', 'all', testEnv(store.env));
});
after(async () => {
  if (worker) await stopProcess(worker);
  await app?.stop();
  await store?.drop();
});

async function unwraps(): Promise<{ private: number; data: number }> {
  const text = await (await fetch(`${worker.url}/metrics`)).text();
  const count = (key: string) =>
    Number(new RegExp(`^carebeat_key_unwraps_total\\{key="${key}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { private: count('private'), data: count('data') };
}

test('the doses due in the next minute have their keys unwrapped before they are due, and only theirs', async () => {
  const doctor = await createDoctor(app.url);
  const [soon, later, stopped] = await Promise.all(
    ['Soon', 'Later', 'Stopped'].map((name) => createPatient(app.url, { doctor, name: `Warm ${name}` })),
  );
  assert.deepEqual(await unwraps(), { private: 0, data: 0 }, 'the worker starts with its caches empty');
  const item = (text: string) => ({ items: [{ text, frequencyPerDay: 1, durationDays: 2 }] });
  const dueAt = new Date(Date.now() + 20_000);
  const built = await buildPlan({ app, doctor, patient: soon! }, { ...item('Take warm tablet'), firstDueAt: dueAt });
  const moved = await buildPlan(
    { app, doctor, patient: later! },
    { ...item('Take later tablet'), firstDueAt: new Date(Date.now() + 600_000) },
  );
  const gone = await buildPlan(
    { app, doctor, patient: stopped! },
    { ...item('Take stopped tablet'), firstDueAt: dueAt },
  );
  await app.ctx.db.update(planItems).set({ status: 'stopped' }).where(eq(planItems.id, gone.plan[0]!.id));

  // The patient's private key and the note's data key: one each, for the one dose inside the window.
  await eventually('keys warmed', async () => (await unwraps()).data > 0);
  await sleep(5_500); // one more pass of the worker's pump (every 5 s): nothing else, nothing twice
  assert.deepEqual(await unwraps(), { private: 1, data: 1 });
  assert.ok(Date.now() < dueAt.getTime(), 'warmed ahead of the due time');

  const [dose] = await app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, built.plan[0]!.id));
  await eventually(
    'the dose delivered',
    async () => {
      const [row] = await app.ctx.db.select().from(reminders).where(eq(reminders.id, dose!.id));
      return row?.status === 'due';
    },
    30_000,
  );
  assert.deepEqual(await unwraps(), { private: 1, data: 1 }, 'its delivery opened its text with the warmed keys');

  // A dose that comes into the window later (re-timed here, as the benchmarks re-time theirs) is
  // caught by the next pass: a pass looks at the whole minute ahead, not only at what is new in it.
  const soonAgain = new Date(Date.now() + 30_000);
  await app.ctx.db
    .update(reminders)
    .set({ dueAt: soonAgain, nextAttemptAt: soonAgain })
    .where(and(eq(reminders.planItemId, moved.plan[0]!.id), eq(reminders.seq, 1)));
  await eventually('the moved dose warmed', async () => (await unwraps()).data === 2);
  assert.deepEqual(await unwraps(), { private: 2, data: 2 });
});

test('a pair is read once per window, and again at its next dose time (its keys may be gone by then)', async () => {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor, name: 'Warm Twice' });
  const dueAt = new Date(Date.now() + 3_600_000); // far beyond the child worker's minute ahead
  const built = await buildPlan(
    { app, doctor, patient },
    { items: [{ text: 'Take twice tablet', frequencyPerDay: 1, durationDays: 2 }], firstDueAt: dueAt },
  );
  // This process's own warmer, driven by the clock the test gives it.
  const warm = keyWarmer(app.ctx);
  const at = (ms: number) => new Date(dueAt.getTime() + ms);
  assert.equal(await warm(at(-50_000)), 1, 'the one pair of the minute ahead is read and its keys cached');
  const before = await unwrapsHere();
  assert.equal(await warm(at(-45_000)), 0, 'the next pass over the same window reads nothing');
  assert.equal(await warm(at(-1)), 0);

  const later = at(600_000);
  await app.ctx.db
    .update(reminders)
    .set({ dueAt: later, nextAttemptAt: later })
    .where(and(eq(reminders.planItemId, built.plan[0]!.id), eq(reminders.seq, 1)));
  assert.equal(await warm(new Date(later.getTime() - 50_000)), 1, 'its next dose time reads it again');
  assert.equal(await unwrapsHere(), before, 'keys still in the caches are found there, not unwrapped again');
});

async function unwrapsHere(): Promise<number> {
  const { values } = await keyUnwraps.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}
