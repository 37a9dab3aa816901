// The trail records sessions and access: login, logout, each doctor change and each refused (403)
// request, naming the route template and never an id, a query value or a body. A database of its
// own, so the chain holds this file's rows only and verifyAuditLog checks them all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, inArray } from 'drizzle-orm';
import { verifyAuditLog } from '../../src/audit/log.js';
import { auditLog } from '../../src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { request } from '../helpers/http.js';

let store: FreshStore;
let app: TestApp;

before(async () => {
  store = await freshStore('audit_access');
  app = await startTestApp(store.env);
});
after(async () => {
  await app?.stop();
  await store?.drop();
});

const ACTIONS = ['session.login', 'session.logout', 'assignment.change', 'access.denied'];
const trail = async () =>
  (await app.ctx.db.select().from(auditLog).where(inArray(auditLog.action, ACTIONS)).orderBy(asc(auditLog.id))).map(
    (r) => [r.actorId, r.action, r.subject],
  );

test('login, logout, doctor changes and refusals are on the trail, and the chain verifies', async () => {
  const d1 = await createDoctor(app.url);
  const d2 = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor: d1 });
  const other = await createPatient(app.url);
  const again = await patient.api.put('/api/me/doctor', { doctorId: d1.id });
  assert.equal(again.status, 200, 'choosing the current doctor again changes nothing');
  assert.equal((await patient.api.put('/api/me/doctor', { doctorId: d2.id })).status, 200);

  const login = await request(app.url, 'POST', '/api/auth/login', {
    body: { email: patient.email, password: patient.password },
  });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const wrong = await request(app.url, 'POST', '/api/auth/login', { body: { email: patient.email, password: 'nope' } });
  assert.equal(wrong.status, 401, 'a failed login is not a session');

  const denied = await d1.api.put('/api/me/doctor', { doctorId: d2.id });
  assert.equal(denied.status, 403);
  const secret = 'qxzsecretvalue';
  const read = await request(app.url, 'GET', `/api/patients/${other.id}/notes?q=${secret}`, { token: patient.token });
  assert.equal(read.status, 403, JSON.stringify(read.body));
  assert.equal((await other.api.get('/api/me/patients')).status, 403);

  const out = await request(app.url, 'POST', '/api/auth/logout', { token: other.token });
  assert.equal(out.status, 204);

  assert.deepEqual(await trail(), [
    [patient.id, 'assignment.change', `patient:${patient.id}`],
    [patient.id, 'assignment.change', `patient:${patient.id}`],
    [patient.id, 'session.login', `user:${patient.id}`],
    [d1.id, 'access.denied', '/api/me/doctor'],
    [patient.id, 'access.denied', '/api/patients/:patientId/notes'],
    [other.id, 'access.denied', '/api/me/patients'],
    [other.id, 'session.logout', `user:${other.id}`],
  ]);
  const all = await app.ctx.db.select().from(auditLog);
  assert.ok(!JSON.stringify(all).includes(secret), 'no query value on the trail');
  assert.ok(!JSON.stringify(all).includes(patient.password), 'no body on the trail');
  assert.deepEqual(await verifyAuditLog(app.ctx.db), { ok: true, rows: all.length });
});

test('a 401 or a 404 is not an access refusal', async () => {
  const before = (await trail()).length;
  assert.equal((await request(app.url, 'GET', '/api/me/patients')).status, 401);
  const patient = await createPatient(app.url);
  assert.equal((await patient.api.get('/api/patients/00000000-0000-4000-8000-000000000000/notes')).status, 404);
  assert.equal((await trail()).length, before);
  assert.equal((await verifyAuditLog(app.ctx.db)).ok, true);
});
