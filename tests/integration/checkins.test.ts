// Check-ins and checklist ticks: who may, when, idempotency and concurrency (HTTP and socket
// together), and the reminders list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TestApp } from '../helpers/app.js';
import { buildPlan, createDoctor, createPatient } from '../helpers/factories.js';
import type { AnyPlanItem } from '../helpers/steps.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';
import { startReminderApp, type ReminderApp } from '../helpers/reminderApp.js';
import { reminders, planItems } from '../../src/db/schema.js';
import { sleep } from '../helpers/poll.js';

const DAY = 3000;
let app: TestApp;
let sockets: TestSocket[];
let run: ReminderApp;
before(async () => {
  run = await startReminderApp(DAY);
  ({ app, sockets } = run);
});
after(async () => {
  await run?.stop();
});

/** A patient whose plan's first reminder is due now (built through the services, not extracted). */
async function duePlan(item: AnyPlanItem = { text: 'Take vitamin C', frequencyPerDay: 1, durationDays: 3 }) {
  const team = await run.careTeam();
  const steps = await buildPlan({ app, ...team }, { items: [item], checklist: [{ text: 'Buy a thermometer' }] });
  const planItem = steps.plan[0]!;
  const due = await team.ps.waitFor('dose:due', (p) => p.dose.planItemId === planItem.id, 10_000);
  return { ...team, steps, item: planItem, reminderId: due.dose.id as string };
}

const reminderRows = (planItemId: string) =>
  app.ctx.db.select().from(reminders).where(eq(reminders.planItemId, planItemId)).orderBy(asc(reminders.seq));
const completedCheckins = async (planItemId: string) =>
  (await app.ctx.db.select().from(planItems).where(eq(planItems.id, planItemId)))[0]!.completedCheckins;

describe('check-ins', { concurrency: true }, () => {
  test('10 HTTP + 10 socket check-ins at once: all succeed, counted once, one event', async () => {
    const { patient, ds, ps, item, reminderId } = await duePlan();
    const http = Array.from({ length: 10 }, () => patient.api.post(`/api/reminders/${reminderId}/checkin`));
    const sock = Array.from({ length: 10 }, () => ps.request('reminder:checkin', { reminderId }));
    const [httpRes, sockRes] = await Promise.all([Promise.all(http), Promise.all(sock)]);
    for (const r of httpRes) {
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.planItem.completedCheckins, 1);
      assert.equal(r.body.dose.status, 'taken');
    }
    for (const r of sockRes) {
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.planItem.completedCheckins, 1);
    }
    assert.equal(await completedCheckins(item.id), 1);
    await ds.waitFor('dose:taken', (p) => p.dose.id === reminderId, 5_000);
    await sleep(500);
    const count = (s: TestSocket) =>
      s.events.filter((e) => e.type === 'dose:taken' && e.payload.dose.id === reminderId).length;
    assert.equal(count(ps), 1);
    assert.equal(count(ds), 1);
    // Idempotent afterwards too: 200 with the same state, still counted once.
    const again = await patient.api.post(`/api/reminders/${reminderId}/checkin`);
    assert.equal(again.status, 200);
    assert.equal(again.body.planItem.completedCheckins, 1);
    assert.match(again.body.planItem.text, /vitamin C/);
    assert.equal(await completedCheckins(item.id), 1);
    const [occ] = await reminderRows(item.id);
    assert.equal(occ!.status, 'taken');
  });

  test('who and when: 403 for others, 409 not due / cancelled, 404 unknown, 400 bad id', async () => {
    const { doctor, patient, item, reminderId } = await duePlan();
    const stranger = await createPatient(app.url, { doctor });
    const otherDoctor = await createDoctor(app.url);
    for (const who of [stranger, doctor, otherDoctor]) {
      const r = await who.api.post(`/api/reminders/${reminderId}/checkin`);
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'FORBIDDEN');
    }
    const ss = await connectSocket(app.url, stranger.token);
    sockets.push(ss);
    const viaSocket = await ss.request('reminder:checkin', { reminderId });
    assert.deepEqual([viaSocket.ok, viaSocket.error.code], [false, 'FORBIDDEN']);

    // The third reminder: two intervals away, so it stays scheduled while this test runs.
    const [, , later] = await reminderRows(item.id);
    assert.equal(later!.status, 'scheduled');
    const future = await patient.api.post(`/api/reminders/${later!.id}/checkin`);
    assert.deepEqual([future.status, future.body.error.code], [409, 'DOSE_NOT_DUE']);
    assert.equal((await patient.api.post(`/api/reminders/${randomUUID()}/checkin`)).status, 404);
    const bad = await patient.api.post('/api/reminders/not-a-uuid/checkin');
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'VALIDATION_FAILED']);
    assert.equal(await completedCheckins(item.id), 0, 'refused check-ins counted');

    // A new note cancels this plan: its due and its future reminders refuse check-ins.
    await buildPlan(
      { app, doctor, patient },
      { items: [{ text: 'Take magnesium', frequencyPerDay: 1, durationDays: 2 }] },
    );
    const cancelled = await patient.api.post(`/api/reminders/${later!.id}/checkin`);
    assert.deepEqual([cancelled.status, cancelled.body.error.code], [409, 'DOSE_CANCELLED']);
    // The one that was due is cancelled too (or, on a very slow run, already missed): never checkable.
    const wasDue = await patient.api.post(`/api/reminders/${reminderId}/checkin`);
    assert.equal(wasDue.status, 409);
    assert.ok(['DOSE_CANCELLED', 'PLAN_NOT_ACTIVE'].includes(wasDue.body.error.code), wasDue.body.error.code);
    const live = await app.ctx.db
      .select()
      .from(reminders)
      .where(and(eq(reminders.planItemId, item.id), inArray(reminders.status, ['scheduled', 'due'])));
    assert.equal(live.length, 0);
    assert.equal(await completedCheckins(item.id), 0);
  });

  test('checklist: idempotent, only that patient, checklist:done to both', async () => {
    const { doctor, patient, ds, ps } = await run.careTeam();
    const stranger = await createPatient(app.url, { doctor });
    const steps = await buildPlan(
      { app, doctor, patient },
      { items: [], checklist: [{ text: 'Buy a thermometer' }, { text: 'Book a follow-up visit in 2 weeks' }] },
    );
    const itemId = steps.checklist[0]!.id;
    for (const who of [stranger, doctor])
      assert.equal((await who.api.post(`/api/checklist/${itemId}/done`)).status, 403);
    const first = await patient.api.post(`/api/checklist/${itemId}/done`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual([first.body.item.id, first.body.item.done], [itemId, true]);
    assert.match(first.body.item.text, /thermometer/);
    const second = await patient.api.post(`/api/checklist/${itemId}/done`);
    assert.deepEqual([second.status, second.body.item.done], [200, true]);
    const event = await ds.waitFor('checklist:done', (p) => p.item.id === itemId, 5_000);
    assert.deepEqual([event.noteId, event.patientId], [steps.noteId, patient.id]);
    await ps.waitFor('checklist:done', (p) => p.item.id === itemId, 5_000);
    await sleep(300);
    assert.equal(ps.events.filter((e) => e.type === 'checklist:done').length, 1, 'a repeated tick emitted again');
    assert.equal((await patient.api.post(`/api/checklist/${randomUUID()}/done`)).status, 404);
    const view = await patient.api.get(`/api/patients/${patient.id}/steps`);
    assert.equal(view.body.checklist.find((c: any) => c.id === itemId).done, true);
    assert.equal(view.body.checklist.filter((c: any) => c.done).length, 1);
  });

  test('GET /api/patients/:id/reminders: the patient and their doctor, nobody else', async () => {
    const { doctor, patient, item, reminderId } = await duePlan({
      text: 'Take folic acid',
      frequencyPerDay: 2,
      durationDays: 2,
    });
    for (const who of [patient, doctor]) {
      const r = await who.api.get(`/api/patients/${patient.id}/reminders`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const first = r.body.reminders.find((x: any) => x.id === reminderId);
      assert.deepEqual([first.planItemId, first.status], [item.id, 'due']);
      assert.ok(first.attempts >= 1);
      assert.match(first.text, /folic acid/);
      assert.ok(r.body.reminders.every((x: any) => x.planItemId === item.id));
      const dues = r.body.reminders.map((x: any) => Date.parse(x.dueAt));
      assert.deepEqual(
        dues,
        [...dues].sort((a, b) => a - b),
      );
    }
    const stranger = await createPatient(app.url, { doctor });
    const otherDoctor = await createDoctor(app.url);
    for (const who of [stranger, otherDoctor])
      assert.equal((await who.api.get(`/api/patients/${patient.id}/reminders`)).status, 403);
  });
});
