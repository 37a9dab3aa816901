// Reminders that fall due at the same instant are delivered together (one transaction per batch):
// every patient still gets exactly one reminder:due, with their own plan text, and the rows and
// outbox agree. The plans are built with their first reminders due at one shared instant.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { events, reminders } from '../../src/db/schema.js';
import { startReminderApp, type ReminderApp } from '../helpers/reminderApp.js';
import { buildPlan, createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';
import { eventually, sleep } from '../helpers/poll.js';
import { CLAIM_BATCH, sweepOnce } from '../../src/doses/claim.js';

const PATIENTS = 12;
let r: ReminderApp;
before(async () => {
  r = await startReminderApp(86_400_000);
}); // a real day: nothing else falls due
after(async () => {
  await r?.stop();
});

test(`${PATIENTS} reminders due at one instant: one each, attempt 1, each patient's own text, batched`, async () => {
  const { app } = r;
  const doctor = await createDoctor(app.url);
  const people: Array<{ patient: TestUser; ps: TestSocket }> = [];
  for (let i = 0; i < PATIENTS; i++) {
    const patient = await createPatient(app.url, { doctor, name: `Batch ${i}` });
    r.patients.push(patient.id);
    const ps = await connectSocket(app.url, patient.token);
    r.sockets.push(ps);
    people.push({ patient, ps });
  }
  // Built once everyone is connected, so the shared instant is still ahead of them all. One after
  // another: this test is about delivery, not about steps stored concurrently.
  // Room for a loaded machine to build the 12 plans before the shared instant.
  const dueAt = new Date(Date.now() + 5000);
  const withPlans: Array<{ patient: TestUser; ps: TestSocket; planItemId: string; text: string }> = [];
  for (const [i, p] of people.entries()) {
    const items = [{ text: `Take medicine number ${i}`, frequencyPerDay: 1, durationDays: 2 }];
    const { plan } = await buildPlan({ app, doctor, patient: p.patient }, { items, firstDueAt: dueAt });
    withPlans.push({ ...p, planItemId: plan[0]!.id, text: plan[0]!.text });
  }
  assert.ok(Date.now() < dueAt.getTime(), 'the plans were built after their shared due time');

  const firsts = await app.ctx.db
    .select({ id: reminders.id, dueAt: reminders.dueAt })
    .from(reminders)
    .where(
      and(
        inArray(
          reminders.planItemId,
          withPlans.map((p) => p.planItemId),
        ),
        eq(reminders.seq, 1),
      ),
    );
  assert.equal(firsts.length, PATIENTS);
  assert.ok(firsts.every((o) => o.dueAt.getTime() === dueAt.getTime()));

  for (const p of withPlans) {
    const due = await p.ps.waitFor('dose:due', (e) => e.dose.planItemId === p.planItemId, 15_000);
    assert.equal(due.dose.attempts, 1);
    assert.equal(due.dose.text, p.text, "the patient's own plan text");
    assert.match(due.dose.text, /medicine number \d+/);
  }
  await sleep(1000); // a doubled delivery would arrive here
  for (const p of withPlans) {
    const got = p.ps.events.filter((e) => e.type === 'dose:due');
    assert.equal(got.length, 1, 'exactly one reminder:due per patient');
    assert.ok(!p.ps.events.some((e) => e.type === 'dose:due' && e.payload.dose.text !== p.text), "no one else's text");
  }

  const rows = await app.ctx.db
    .select()
    .from(reminders)
    .where(
      inArray(
        reminders.id,
        firsts.map((o) => o.id),
      ),
    );
  assert.ok(rows.every((o) => o.status === 'due' && o.attempts === 1));
  const outbox = await app.ctx.db
    .select({ createdAt: sql<string>`${events.createdAt}::text` })
    .from(events)
    .where(
      and(
        inArray(
          events.userId,
          people.map((p) => p.patient.id),
        ),
        eq(events.type, 'dose:due'),
      ),
    );
  assert.equal(outbox.length, PATIENTS);
  // Rows written in one transaction share its start time (now(), to the microsecond): fewer
  // distinct ones than rows means some reminders were delivered together.
  assert.ok(new Set(outbox.map((e) => e.createdAt)).size < PATIENTS, 'delivered in batches, not one transaction each');
});

test('a burst bigger than a batch: sweeps fan out and share it, each dose claimed once', async () => {
  const { app } = r;
  // A note holds at most 50 plan items: 7 patients of 50 doses each, all due at one instant.
  const teams = await Promise.all(Array.from({ length: 7 }, () => r.careTeam()));
  const N = teams.length * 50;
  assert.ok(N > CLAIM_BATCH, 'more than one batch');
  const dueAt = new Date(Date.now() + 4000);
  const ids = new Set<string>();
  for (const [t, team] of teams.entries()) {
    const items = Array.from({ length: 50 }, (_, i) => ({
      text: `Burst ${t}.${i}`,
      frequencyPerDay: 1,
      durationDays: 2,
    }));
    const { plan } = await buildPlan({ app, doctor: team.doctor, patient: team.patient }, { items, firstDueAt: dueAt });
    for (const p of plan) ids.add(p.id);
  }
  assert.ok(Date.now() < dueAt.getTime(), 'built before the instant');
  // The worker's sweep of the instant, its fanned-out lanes and these at once: SKIP LOCKED keeps them apart.
  await sleep(dueAt.getTime() - Date.now());
  const mine = await Promise.all([sweepOnce(app.ctx, 50), sweepOnce(app.ctx, 50)]);
  const dues = () =>
    teams.flatMap(({ ps }) => ps.events.filter((e) => e.type === 'dose:due' && ids.has(e.payload.dose.planItemId)));
  await eventually('every dose delivered', async () => dues().length >= N);
  await sleep(1000); // a doubled delivery would arrive here
  const got = dues();
  assert.equal(got.length, N, 'one dose:due per dose');
  assert.equal(new Set(got.map((e) => e.payload.dose.id)).size, N);
  assert.ok(got.every((e) => e.payload.dose.attempts === 1 && e.payload.kind === 'due'));
  const outbox = await app.ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(events)
    .where(
      and(
        inArray(
          events.userId,
          teams.map((t) => t.patient.id),
        ),
        eq(events.type, 'dose:due'),
      ),
    );
  assert.equal(outbox[0]!.n, N, 'the outbox agrees');
  assert.ok(mine[0]! + mine[1]! <= N);
});
