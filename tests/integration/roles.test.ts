// Roles and doctor selection: who may do what, who sees whom, and the live assignment events.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import type { Reply } from '../helpers/http.js';
import { connectSocket } from '../helpers/sockets.js';
import { assignments } from '../../src/db/schema.js';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(async () => {
  await app.stop();
});

function assertError(res: Reply, statuses: number[], code?: string): void {
  assert.ok(statuses.includes(res.status), `status ${res.status}: ${JSON.stringify(res.body)}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.match(res.body.error.code, /^[A-Z_]+$/);
  if (code) assert.equal(res.body.error.code, code);
  assert.equal(typeof res.body.error.message, 'string');
}

const ids = (list: Array<{ id: string }>) => list.map((x) => x.id).sort();

test('GET /api/me: a patient has doctor null, then the selected doctor; a doctor has no doctor field', async () => {
  const doctor = await createDoctor(app.url, 'Dr Me');
  const patient = await createPatient(app.url, { name: 'Pat Me' });
  const before = await patient.api.get('/api/me');
  assert.equal(before.status, 200);
  assert.deepEqual(before.body, {
    user: { id: patient.id, name: 'Pat Me', email: patient.email, role: 'patient' },
    doctor: null,
  });
  const sel = await patient.api.put('/api/me/doctor', { doctorId: doctor.id });
  assert.equal(sel.status, 200, JSON.stringify(sel.body));
  assert.equal(sel.body.assignment.patientId, patient.id);
  assert.equal(sel.body.assignment.doctorId, doctor.id);
  assert.ok(!Number.isNaN(Date.parse(sel.body.assignment.since)));
  const afterSel = await patient.api.get('/api/me');
  assert.deepEqual(afterSel.body.doctor, { id: doctor.id, name: 'Dr Me' });
  const doc = await doctor.api.get('/api/me');
  assert.deepEqual(doc.body, { user: { id: doctor.id, name: 'Dr Me', email: doctor.email, role: 'doctor' } });
});

test('GET /api/doctors lists verified doctors only, as {id,name,email (masked),verifiedSince}', async () => {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url);
  const res = await patient.api.get('/api/doctors');
  assert.equal(res.status, 200);
  const listed = res.body.doctors as Array<Record<string, unknown>>;
  const mine = listed.find((d) => d.id === doctor.id);
  assert.equal(mine?.name, doctor.name);
  assert.equal(mine?.email, `${doctor.email[0]}…@test.carebeat.dev`, 'the domain tells namesakes apart');
  assert.match(String(mine?.verifiedSince), /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(!listed.some((d) => d.id === patient.id), 'patients are not listed');
  for (const d of listed) assert.deepEqual(Object.keys(d).sort(), ['email', 'id', 'name', 'verifiedSince']);
  assert.ok(!JSON.stringify(listed).includes(doctor.email), 'never the full address');
  assert.equal((await doctor.api.get('/api/doctors')).status, 200);
});

test('role boundaries: a patient cannot list patients, a doctor cannot select a doctor', async () => {
  const doctor = await createDoctor(app.url);
  const other = await createDoctor(app.url);
  const patient = await createPatient(app.url);
  assertError(await patient.api.get('/api/me/patients'), [403], 'FORBIDDEN');
  assertError(await doctor.api.put('/api/me/doctor', { doctorId: other.id }), [403], 'FORBIDDEN');
  const rows = await app.ctx.db.select().from(assignments).where(eq(assignments.patientId, doctor.id));
  assert.equal(rows.length, 0, 'the refused selection wrote nothing');
});

test('selecting a non-doctor, an unknown id or a malformed id is refused with the error shape', async () => {
  const patient = await createPatient(app.url);
  const otherPatient = await createPatient(app.url);
  assertError(await patient.api.put('/api/me/doctor', { doctorId: otherPatient.id }), [400, 404]);
  assertError(await patient.api.put('/api/me/doctor', { doctorId: patient.id }), [400, 404]);
  assertError(await patient.api.put('/api/me/doctor', { doctorId: randomUUID() }), [404], 'NOT_FOUND');
  assertError(await patient.api.put('/api/me/doctor', { doctorId: 'not-a-uuid' }), [400], 'VALIDATION_FAILED');
  assertError(await patient.api.put('/api/me/doctor', {}), [400], 'VALIDATION_FAILED');
  assertError(
    await patient.api.put('/api/me/doctor', { doctorId: randomUUID(), extra: 1 }),
    [400],
    'VALIDATION_FAILED',
  );
  const rows = await app.ctx.db.select().from(assignments).where(eq(assignments.patientId, patient.id));
  assert.equal(rows.length, 0);
  assert.equal((await patient.api.get('/api/me')).body.doctor, null);
});

test('each doctor sees exactly the patients who selected them (two doctors, three patients)', async () => {
  const d1 = await createDoctor(app.url);
  const d2 = await createDoctor(app.url);
  const p1 = await createPatient(app.url, { doctor: d1 });
  const p2 = await createPatient(app.url, { doctor: d1 });
  const p3 = await createPatient(app.url, { doctor: d2 });
  const l1 = await d1.api.get('/api/me/patients');
  assert.equal(l1.status, 200);
  assert.deepEqual(ids(l1.body.patients), ids([p1, p2]));
  for (const p of l1.body.patients) {
    assert.deepEqual(Object.keys(p).sort(), [
      'activeItems',
      'adherence30d',
      'adherence7d',
      'email',
      'id',
      'lastTakenAt',
      'missedLast7Days',
      'name',
      'nextDueAt',
      'openAlerts',
      'overdueNow',
      'since',
      'unreadMessages',
    ]);
    assert.ok(!Number.isNaN(Date.parse(p.since)));
  }
  assert.deepEqual(
    l1.body.patients.find((p: any) => p.id === p2.id),
    {
      id: p2.id,
      name: p2.name,
      email: p2.email,
      since: l1.body.patients.find((p: any) => p.id === p2.id).since,
      // A patient with no plan yet: nothing to count, no adherence to show.
      openAlerts: 0,
      missedLast7Days: 0,
      overdueNow: 0,
      adherence7d: null,
      adherence30d: null,
      lastTakenAt: null,
      nextDueAt: null,
      activeItems: 0,
      unreadMessages: 0,
    },
  );
  assert.deepEqual(ids((await d2.api.get('/api/me/patients')).body.patients), ids([p3]));
  // Selecting the same doctor again changes nothing.
  assert.equal((await p1.api.put('/api/me/doctor', { doctorId: d1.id })).status, 200);
  assert.deepEqual(ids((await d1.api.get('/api/me/patients')).body.patients), ids([p1, p2]));
  assert.equal((await app.ctx.db.select().from(assignments).where(eq(assignments.patientId, p1.id))).length, 1);
});

test('re-selection moves the patient, keeps history, and tells both doctors live', async () => {
  const oldDoc = await createDoctor(app.url);
  const newDoc = await createDoctor(app.url);
  const oldSock = await connectSocket(app.url, oldDoc.token);
  const newSock = await connectSocket(app.url, newDoc.token);
  try {
    const patient = await createPatient(app.url, { doctor: oldDoc, name: 'Mover' });
    const assigned = await oldSock.waitFor('patient:assigned', (p) => p.patient.id === patient.id);
    assert.deepEqual(assigned.patient, { id: patient.id, name: 'Mover' });

    const res = await patient.api.put('/api/me/doctor', { doctorId: newDoc.id });
    assert.equal(res.status, 200);
    assert.equal(res.body.assignment.doctorId, newDoc.id);

    const live = await newSock.waitFor('patient:assigned', (p) => p.patient.id === patient.id);
    assert.deepEqual(live.patient, { id: patient.id, name: 'Mover' });
    assert.equal(typeof live.eventId, 'string');
    assert.equal(typeof live.seq, 'number');
    const gone = await oldSock.waitFor('patient:unassigned', (p) => p.patient.id === patient.id);
    assert.deepEqual(gone.patient, { id: patient.id, name: 'Mover' });
    assert.ok(gone.seq > assigned.seq);
    // The new doctor was never told of an unassignment, the old one only once of an assignment.
    assert.equal(newSock.events.filter((e) => e.type === 'patient:unassigned').length, 0);
    assert.equal(
      oldSock.events.filter((e) => e.type === 'patient:assigned' && e.payload.patient.id === patient.id).length,
      1,
    );

    assert.deepEqual(ids((await newDoc.api.get('/api/me/patients')).body.patients), [patient.id]);
    assert.deepEqual((await oldDoc.api.get('/api/me/patients')).body.patients, []);
    assert.equal((await patient.api.get('/api/me')).body.doctor.id, newDoc.id);

    const history = await app.ctx.db.select().from(assignments).where(eq(assignments.patientId, patient.id));
    assert.equal(history.length, 2, 'history kept');
    const active = history.filter((a) => a.active);
    assert.equal(active.length, 1);
    assert.equal(active[0]!.doctorId, newDoc.id);
    const ended = history.find((a) => !a.active)!;
    assert.equal(ended.doctorId, oldDoc.id);
    assert.ok(ended.endedAt instanceof Date);
    const activeForOld = await app.ctx.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.doctorId, oldDoc.id), eq(assignments.active, true)));
    assert.equal(activeForOld.length, 0);
  } finally {
    oldSock.close();
    newSock.close();
  }
});

test('concurrent selections by one patient leave exactly one active assignment', async () => {
  const docs = await Promise.all([createDoctor(app.url), createDoctor(app.url), createDoctor(app.url)]);
  const patient = await createPatient(app.url);
  const replies = await Promise.all(docs.map((d) => patient.api.put('/api/me/doctor', { doctorId: d.id })));
  // Serialised per patient: each selection moves the patient in turn, the last one wins.
  for (const r of replies) assert.equal(r.status, 200, JSON.stringify(r.body));
  const history = await app.ctx.db.select().from(assignments).where(eq(assignments.patientId, patient.id));
  assert.equal(history.length, 3);
  const active = history.filter((a) => a.active);
  assert.equal(active.length, 1);
  const me = await patient.api.get('/api/me');
  assert.equal(me.body.doctor.id, active[0]!.doctorId);
});
