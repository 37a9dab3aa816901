// The queue holds only what is near (docs/SCHEDULING.md): the next step of a dose's delivery chain
// (its `next_attempt_at`) is queued by the reconciliation pass once its time comes within
// HORIZON_MS, not earlier. With a real day a nudge is minutes away, so rows are moved in time by hand.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { reminders } from '../../src/db/schema.js';
import { reminderJobId } from '../../src/jobs/producer.js';
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
  const near = await deliveredAt(new Date(Date.now() + HORIZON_MS / 2));
  const far = await deliveredAt(new Date(Date.now() + 50 * 60_000));
  await reconcile(app.ctx);

  const jobsKey = `${app.config.redisPrefix}:bq:reminders:jobs`;
  assert.equal(await app.ctx.redis.hexists(jobsKey, reminderJobId(near, 2)), 1, 'the near re-delivery is queued');
  assert.equal(await app.ctx.redis.hexists(jobsKey, reminderJobId(far, 2)), 0, 'the far one is not queued yet');
  const rows = await app.ctx.db
    .select()
    .from(reminders)
    .where(inArray(reminders.id, [near, far]));
  assert.ok(
    rows.every((o) => o.status === 'due' && o.attempts === 1),
    'the rows are untouched',
  );

  // Its time comes within the horizon: the next pass queues it.
  await app.ctx.db
    .update(reminders)
    .set({ nextAttemptAt: new Date(Date.now() + HORIZON_MS / 2) })
    .where(eq(reminders.id, far));
  await reconcile(app.ctx);
  assert.equal(await app.ctx.redis.hexists(jobsKey, reminderJobId(far, 2)), 1);
});
