// A new note for the patient stops the old plan: its reminders are cancelled in PostgreSQL, no
// queued job names them (sweeps name instants), and no reminder of it reaches the patient afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { buildPlan, createDoctor, createPatient } from '../helpers/factories.js';
import { connectSocket } from '../helpers/sockets.js';
import { reminders, planItems } from '../../src/db/schema.js';
import { sleep } from '../helpers/poll.js';

const DAY = 2400;
let app: TestApp;
before(async () => {
  app = await startTestApp({ SCHEDULE_DAY_MS: String(DAY) });
});
after(async () => {
  await app.stop();
});

/** Every reminder job id bee-queue holds anywhere (job hash, delayed set, waiting and active lists). */
async function queuedReminderJobs(): Promise<string[]> {
  const base = `${app.config.redisPrefix}:bq:reminders`;
  const r = app.ctx.redis;
  const [hash, delayed, waiting, active] = await Promise.all([
    r.hkeys(`${base}:jobs`),
    r.zrange(`${base}:delayed`, '0', '-1'),
    r.lrange(`${base}:waiting`, 0, -1),
    r.lrange(`${base}:active`, 0, -1),
  ]);
  return [...new Set([...hash, ...delayed, ...waiting, ...active])];
}

test('a new note stops the old plan: rows cancelled, no reminder afterwards', async () => {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  const ps = await connectSocket(app.url, patient.token);
  const ds = await connectSocket(app.url, doctor.token);
  try {
    // The old plan is built due at once, not extracted and a day away (the new note stays real):
    // one reminder is due and being re-delivered when the new note lands.
    const first = await buildPlan(
      { app, doctor, patient },
      {
        items: [
          { text: 'Take ibuprofen', frequencyPerDay: 2, durationDays: 3 },
          { text: 'Take vitamin B', frequencyPerDay: 1, durationDays: 4 },
        ],
      },
    );
    const oldIds = first.plan.map((p) => p.id);
    assert.equal(oldIds.length, 2);
    await ps.waitFor('dose:due', (p) => oldIds.includes(p.dose.planItemId) && p.dose.attempts >= 2, 10_000);
    const oldOcc = await app.ctx.db.select().from(reminders).where(inArray(reminders.planItemId, oldIds));
    // The two courses, plus a dose added for each one a loaded machine let be missed meanwhile.
    const extended = (await app.ctx.db.select().from(planItems).where(inArray(planItems.id, oldIds))).reduce(
      (n, i) => n + i.extendedCount,
      0,
    );
    assert.equal(oldOcc.length, 6 + 4 + extended);
    const second = await doctor.api.post(`/api/patients/${patient.id}/notes`, {
      content: 'Take paracetamol once daily for 3 days.',
    });
    const ready = await ps.waitFor('steps:ready', (p) => p.noteId === second.body.note.id, 20_000);
    const cancelled = await ps.waitFor('plan:cancelled', (p) => p.noteId === first.noteId, 5_000);
    assert.equal(cancelled.byNoteId, second.body.note.id);
    await ds.waitFor('plan:cancelled', (p) => p.noteId === first.noteId, 5_000);

    // PostgreSQL: the old items and every unfinished reminder are cancelled, atomically with steps:ready.
    const items = await app.ctx.db.select().from(planItems).where(inArray(planItems.id, oldIds));
    assert.deepEqual(
      items.map((i) => i.status),
      ['stopped', 'stopped'],
    );
    const rows = await app.ctx.db.select().from(reminders).where(inArray(reminders.planItemId, oldIds));
    // A dose a loaded machine let be missed before the note landed stays missed, on record.
    assert.ok(
      rows.every((o) => o.status === 'cancelled' || o.status === 'missed'),
      JSON.stringify(rows.map((o) => o.status)),
    );
    const extendedNow = items.reduce((n, i) => n + i.extendedCount, 0);
    assert.equal(rows.filter((o) => o.status === 'missed').length, extendedNow, 'each miss extended its course');
    assert.equal(rows.length, 6 + 4 + extendedNow);
    const attemptsAtCancel = new Map(rows.map((o) => [o.id, o.attempts]));

    // Redis holds sweeps by instant, shared with other doses: none is removed, and the sweeps
    // claim only live rows of active items, as the check below shows.
    // Two intervals later: nothing of the old plan was delivered after the cancellation committed
    // (outbox seq orders commits for this patient), and a job that slipped through did nothing.
    const dueBefore = ps.events.filter((e) => e.type === 'dose:due').length;
    await sleep(2 * DAY + 500);
    const late = ps.events.filter(
      (e) => e.type === 'dose:due' && oldIds.includes(e.payload.dose.planItemId) && e.payload.seq > ready.seq,
    );
    assert.deepEqual(late, []);
    const after = await app.ctx.db.select().from(reminders).where(inArray(reminders.planItemId, oldIds));
    for (const o of after) {
      assert.equal(o.status, 'cancelled');
      assert.equal(o.attempts, attemptsAtCancel.get(o.id), 'a cancelled reminder was delivered');
    }
    // No queued job names a dose: sweeps name an instant only.
    const leftover = (await queuedReminderJobs()).filter((j) => after.some((o) => j.includes(o.id)));
    assert.deepEqual(leftover, []);
    // The new plan does run: its first reminder arrived within those two intervals.
    const newId = ready.plan[0].id;
    assert.ok(ps.events.slice(dueBefore).some((e) => e.type === 'dose:due' && e.payload.dose.planItemId === newId));
    const [newItem] = await app.ctx.db.select().from(planItems).where(eq(planItems.id, newId));
    assert.equal(newItem!.status, 'active');
  } finally {
    // Stop the new plan too: nobody checks it in, and it would keep firing for later test files.
    await app.ctx.db.update(planItems).set({ status: 'stopped' }).where(eq(planItems.patientId, patient.id));
    ps.close();
    ds.close();
  }
});
