// Writing notes over HTTP and the socket: who may write, and what is rejected (leaving no row
// behind).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { notes } from '../../src/db/schema.js';
import type { TestApp } from '../helpers/app.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';

let team: CareTeam;
let app: TestApp;
let doctor: TestUser, patient: TestUser, otherDoctor: TestUser, otherPatient: TestUser;
let ds: TestSocket, ps: TestSocket;

before(async () => {
  team = await buildCareTeam();
  ({ app, doctor, patient, ds, ps } = team);
  otherDoctor = await createDoctor(app.url);
  otherPatient = await createPatient(app.url, { doctor: otherDoctor });
});
after(async () => {
  await team?.stop();
});

const notesOf = (patientId: string) => app.ctx.db.select().from(notes).where(eq(notes.patientId, patientId));
const byId = (id: string) => (p: any) => p.note?.id === id || p.noteId === id;

describe('submitting', () => {
  test('over HTTP: 202 pending, and note:new with the text reaches patient and doctor', async () => {
    const content = 'Take nitrofurantoin 100mg twice daily for 2 days. Buy a blue thermometer.';
    const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const { note } = res.body;
    assert.equal(note.status, 'pending');
    assert.equal(note.patientId, patient.id);
    assert.equal(note.doctorId, doctor.id);
    assert.ok(!Number.isNaN(Date.parse(note.createdAt)));
    assert.equal(note.content, undefined, 'the 202 does not echo the text');
    for (const s of [ps, ds]) {
      const ev = await s.waitFor('note:new', byId(note.id));
      assert.equal(ev.note.content, content);
      assert.equal(ev.note.status, 'pending');
      assert.equal(ev.note.patientId, patient.id);
    }
  });

  test('over the socket: ack {ok:true,note}, and note:new for both', async () => {
    const content = 'Apply clotrimazole cream once daily for 5 days.';
    const ack = await ds.request('note:submit', { patientId: patient.id, content });
    assert.equal(ack.ok, true, JSON.stringify(ack));
    assert.equal(ack.note.status, 'pending');
    assert.equal(ack.note.patientId, patient.id);
    for (const s of [ps, ds]) assert.equal((await s.waitFor('note:new', byId(ack.note.id))).note.content, content);
  });

  test('exactly 20 000 characters is accepted', async () => {
    const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content: 'x'.repeat(20_000) });
    assert.equal(res.status, 202, JSON.stringify(res.body).slice(0, 300));
  });
});

describe('refused writes leave no note behind', () => {
  let fresh: TestUser;
  before(async () => {
    fresh = await createPatient(app.url, { doctor });
  });

  test('403 for another doctor and for a patient, over HTTP and the socket', async () => {
    const body = { content: 'Take nitrofurantoin 100mg once daily for 3 days.' };
    for (const writer of [otherDoctor, fresh, otherPatient]) {
      const res = await writer.api.post(`/api/patients/${fresh.id}/notes`, body);
      assert.equal(res.status, 403, `${writer.role}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'FORBIDDEN');
      assert.equal(typeof res.body.error.message, 'string');
    }
    for (const writer of [otherDoctor, fresh]) {
      const s = await connectSocket(app.url, writer.token);
      try {
        const ack = await s.request('note:submit', { patientId: fresh.id, ...body });
        assert.equal(ack.ok, false);
        assert.equal(ack.error.code, 'FORBIDDEN');
      } finally {
        s.close();
      }
    }
    assert.equal((await notesOf(fresh.id)).length, 0);
  });

  test('400 for empty, blank, too long, unknown fields and non-strings', async () => {
    const bodies: unknown[] = [
      { content: '' },
      { content: '   \n\t ' },
      { content: 'x'.repeat(20_001) },
      { content: 'Take it daily.', urgent: true },
      { content: 42 },
      { content: ['a'] },
      { content: null },
      {},
    ];
    for (const body of bodies) {
      const res = await doctor.api.post(`/api/patients/${fresh.id}/notes`, body);
      assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 60)} → ${res.status}`);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.ok(Array.isArray(res.body.error.details));
    }
    for (const data of [
      { patientId: fresh.id, content: ' ' },
      { patientId: fresh.id, content: 'ok', extra: 1 },
      { patientId: fresh.id, content: 7 },
      { patientId: 'nope', content: 'ok' },
    ]) {
      const ack = await ds.request('note:submit', data);
      assert.equal(ack.ok, false);
      assert.equal(ack.error.code, 'VALIDATION_FAILED', JSON.stringify(data));
    }
    assert.equal((await notesOf(fresh.id)).length, 0);
  });

  test('an over-long note is refused whole, never cut: the limit is named, nothing is saved', async () => {
    const over = await doctor.api.post(`/api/patients/${fresh.id}/notes`, { content: 'x'.repeat(20_001) });
    assert.equal(over.status, 400);
    assert.match(over.body.error.details[0].message, /longer than 20000 characters; nothing was saved/);
    // A 250k-character paste is over the body limit before it is parsed.
    const paste = await doctor.api.post(`/api/patients/${fresh.id}/notes`, { content: 'y'.repeat(250_000) });
    assert.equal(paste.status, 413);
    assert.equal(paste.body.error.code, 'PAYLOAD_TOO_LARGE');
    assert.equal((await notesOf(fresh.id)).length, 0);
  });

  test('404 for an unknown patient (HTTP and socket), 400 for a malformed id', async () => {
    const ghost = randomUUID();
    const res = await doctor.api.post(`/api/patients/${ghost}/notes`, { content: 'Rest.' });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'NOT_FOUND');
    const ack = await ds.request('note:submit', { patientId: ghost, content: 'Rest.' });
    assert.equal(ack.error.code, 'NOT_FOUND');
    assert.equal((await doctor.api.post('/api/patients/not-a-uuid/notes', { content: 'Rest.' })).status, 400);
    assert.equal((await notesOf(ghost)).length, 0);
  });
});
