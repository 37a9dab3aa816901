// Rows of docs/POLICIES.md that no other test covers: every /api route refuses a request without a
// token (401 UNAUTHORIZED) before anything else, and a doctor the patient has left cannot write a
// note for them any more (403 FORBIDDEN over HTTP and the socket, no note written, nobody told).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { events, notes } from '../../src/db/schema.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { createDoctor } from '../helpers/factories.js';
import { request } from '../helpers/http.js';

let team: CareTeam;

before(async () => {
  team = await buildCareTeam();
  const newDoctor = await createDoctor(team.app.url);
  assert.equal((await team.patient.api.put('/api/me/doctor', { doctorId: newDoctor.id })).status, 200);
  await team.ds.waitFor('patient:unassigned');
});
after(() => team?.stop());

test('every /api route but /api/auth/* answers 401 UNAUTHORIZED without a token', async () => {
  const pid = team.patient.id;
  const routes: Array<[string, string]> = [
    ['GET', '/api/me'],
    ['GET', '/api/doctors'],
    ['PUT', '/api/me/doctor'],
    ['GET', '/api/me/patients'],
    ['POST', `/api/patients/${pid}/notes`],
    ['GET', `/api/patients/${pid}/notes`],
    ['GET', `/api/patients/${pid}/steps`],
    ['GET', `/api/patients/${pid}/reminders`],
    ['GET', `/api/patients/${pid}/timeline`],
    ['PUT', `/api/notes/${randomUUID()}/steps`],
    ['POST', `/api/reminders/${randomUUID()}/checkin`],
    ['POST', `/api/checklist/${randomUUID()}/done`],
    ['GET', '/api/push/public-key'],
    ['POST', '/api/push/subscriptions'],
    ['DELETE', '/api/push/subscriptions'],
    ['POST', '/api/admin/doctor-invites'],
    ['POST', '/api/me/verification'],
  ];
  for (const [method, path] of routes) {
    const res = await request(team.app.url, method, path, method === 'GET' ? {} : { body: {} });
    assert.equal(res.status, 401, `${method} ${path}`);
    assert.equal(res.body.error.code, 'UNAUTHORIZED', `${method} ${path}`);
  }
});

test('a doctor the patient left cannot write them a note: 403 over HTTP and the socket, nothing written', async () => {
  const seqBefore = (await team.app.ctx.db.select().from(events).where(eq(events.userId, team.patient.id))).length;
  const body = { content: 'Take zetazol 10mg daily for 3 days.' };
  const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, body);
  assert.equal(res.status, 403);
  assert.equal(res.body.error.code, 'FORBIDDEN');
  const ack = await team.ds.request('note:submit', { patientId: team.patient.id, ...body });
  assert.deepEqual([ack.ok, ack.error.code], [false, 'FORBIDDEN']);
  const written = await team.app.ctx.db.select().from(notes).where(eq(notes.patientId, team.patient.id));
  assert.equal(written.length, 0);
  const seqAfter = (await team.app.ctx.db.select().from(events).where(eq(events.userId, team.patient.id))).length;
  assert.equal(seqAfter, seqBefore, 'the patient was told nothing');
});
