// The queue holds only what is near (docs/SCHEDULING.md): the next step of a dose's delivery chain
// (its `next_attempt_at`) is queued by the reconciliation pass once its time comes within
// HORIZON_MS, not earlier. With a real day a nudge is minutes away, so rows are moved in time by hand.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { reminders } from '../../src/db/schema.js';
import { sweepJobId } from '../../src/jobs/producer.js';
import { HORIZON_MS, reconcile } from '../../src/doses/scheduling.js';
import { startReminderApp, type ReminderApp } from '../helpers/reminderApp.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { connectSocket } from '../helpers/sockets.js';

const HOUR = 3_600_000;
let r: ReminderApp;
before(async () => {
  r = await startReminderApp(24 * HOUR);
});
after(async () => {
  await r?.stop();
});

/** A patient's first dose, made `due` (attempt 1 delivered) with its next step at `nextAt`. */
async function deliveredAt(nextAt: Date): Promise<string> {
  const { app } = r;
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  r.patients.push(patient.id);
  const ps = await connectSocket(app.url, patient.token);
  r.sockets.push(ps);
  const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, {
    content: 'Take vitamin D once daily for 2 days.',
  });
  const steps = await ps.waitFor('steps:ready', (p) => p.noteId === res.body.note.id);
  const [occ] = await app.ctx.db
    .update(reminders)
    .set({ status: 'due', attempts: 1, nextAttemptAt: nextAt })
    .where(and(eq(reminders.planItemId, steps.plan[0].id), eq(reminders.seq, 1)))
    .returning();
  return occ!.id;
}

test('reconciliation queues a re-delivery inside the horizon and leaves a later one in PostgreSQL', async () => {
  const { app } = r;
  // Attempt 2 runs 30 s from now for the first, 50 min from now for the second.
  const nearAt = new Date(Date.now() + HORIZON_MS / 2);
  const farAt = new Date(Date.now() + 50 * 60_000);
  const near = await deliveredAt(nearAt);
  const far = await deliveredAt(farAt);
  await reconcile(app.ctx);

  const jobsKey = `${app.config.redisPrefix}:bq:reminders:jobs`;
  // One sweep per instant: the near one's is queued, the far one's not yet.
  assert.equal(await app.ctx.redis.hexists(jobsKey, sweepJobId(nearAt.getTime(), 0)), 1, 'the near sweep is queued');
  assert.equal(
    await app.ctx.redis.hexists(jobsKey, sweepJobId(farAt.getTime(), 0)),
    0,
    'the far one is not queued yet',
  );
  const rows = await app.ctx.db
    .select()
    .from(reminders)
    .where(inArray(reminders.id, [near, far]));
  assert.ok(
    rows.every((o) => o.status === 'due' && o.attempts === 1),
    'the rows are untouched',
  );

  // Its time comes within the horizon: the next pass queues it.
  const soon = new Date(Date.now() + HORIZON_MS / 2);
  await app.ctx.db.update(reminders).set({ nextAttemptAt: soon }).where(eq(reminders.id, far));
  await reconcile(app.ctx);
  assert.equal(await app.ctx.redis.hexists(jobsKey, sweepJobId(soon.getTime(), 0)), 1);
});
