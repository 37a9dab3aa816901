// Every decryption for a reader outside an HTTP read is on the trail (issue "Trust", finding 5):
// a live event shown with its text (one entry per reader per batch), a `sync` replay that opens
// texts, and a refusal answered over a socket (as an HTTP 403 is). A database of its own, so the
// chain holds this file's rows only and verifyAuditLog checks them all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { verifyAuditLog } from '../../src/audit/log.js';
import { auditLog } from '../../src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { connectSocket } from '../helpers/sockets.js';

let store: FreshStore;
let app: TestApp;
before(async () => {
  store = await freshStore('audit_reads');
  app = await startTestApp(store.env);
});
after(async () => {
  await app?.stop();
  await store?.drop();
});

const entries = async (actorId: string, actions: string[]) =>
  (
    await app.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, actorId), inArray(auditLog.action, actions)))
      .orderBy(asc(auditLog.id))
  ).map((r) => [r.action, r.subject]);

test('a live note:new with its text is an events.live entry for each reader; sync replay is events.replay', async () => {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  const ps = await connectSocket(app.url, patient.token);
  try {
    const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content: 'Drink water daily.' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const live = await ps.waitFor('note:new', (p) => p.note.id === res.body.note.id);
    assert.equal(live.note.content, 'Drink water daily.');
    const seq = live.seq as number;
    // (Extraction may send more events with text meanwhile: each batch is an entry of its own.)
    const patientLive = (await entries(patient.id, ['events.live'])).map((e) => e[1]);
    assert.ok(patientLive.includes(`user:${patient.id}/events:${seq}-${seq}`), JSON.stringify(patientLive));
    const doctorLive = await entries(doctor.id, ['events.live']);
    assert.ok(doctorLive.length >= 1, 'the author was sent it too');
    for (const [, subject] of doctorLive)
      assert.match(String(subject), new RegExp(`^user:${doctor.id}/events:\\d+-\\d+$`));

    // A replay of events without text (assignment) is no read; one that opens the note is.
    const replay = await ps.request('sync', { afterSeq: 0 });
    assert.equal(replay.ok, true);
    const withText = replay.events.filter((e: any) => e.type === 'note:new');
    assert.equal(withText[0]?.payload.note.content, 'Drink water daily.');
    const replays = await entries(patient.id, ['events.replay']);
    assert.equal(replays.length, 1, 'one entry for the page');
    const [, from, to] = /events:(\d+)-(\d+)$/.exec(String(replays[0]![1]))!.map(Number);
    assert.ok(from! <= seq && seq <= to!, `${replays[0]![1]} covers seq ${seq}`);
    const quiet = await ps.request('sync', { afterSeq: 2 ** 31 - 1 });
    assert.equal(quiet.ok, true);
    assert.equal((await entries(patient.id, ['events.replay'])).length, 1, 'nothing shown, nothing recorded');
  } finally {
    ps.close();
  }
  assert.deepEqual(await verifyAuditLog(app.ctx.db), {
    ok: true,
    rows: (await app.ctx.db.select().from(auditLog)).length,
  });
});

test('a former doctor replaying the patient’s events opens no text, and is not recorded as reading it', async () => {
  const [d1, d2] = [await createDoctor(app.url), await createDoctor(app.url)];
  const patient = await createPatient(app.url, { doctor: d1 });
  const res = await d1.api.post(`/api/patients/${patient.id}/notes`, { content: 'Walk daily.' });
  assert.equal(res.status, 202);
  assert.equal((await patient.api.put('/api/me/doctor', { doctorId: d2.id })).status, 200);
  const s = await connectSocket(app.url, d1.token);
  try {
    const before = (await entries(d1.id, ['events.replay'])).length;
    const replay = await s.request('sync', { afterSeq: 0 });
    const note = replay.events.find((e: any) => e.type === 'note:new');
    assert.equal(note?.payload.note.content, '', 'the row stays, without text');
    assert.equal((await entries(d1.id, ['events.replay'])).length, before);
  } finally {
    s.close();
  }
});

test('a socket command refused with 403 is access.denied socket:<command>, no payload on the trail', async () => {
  const patient = await createPatient(app.url);
  const s = await connectSocket(app.url, patient.token);
  const secret = 'qxzsocketsecret';
  try {
    const reply = await s.request('note:submit', { patientId: patient.id, content: secret });
    assert.equal(reply.ok, false);
    assert.equal(reply.error.code, 'FORBIDDEN');
    const invalid = await s.request('note:submit', { patientId: 'nope', content: secret });
    assert.equal(invalid.error.code, 'VALIDATION_FAILED', 'a 400 is not a refusal');
  } finally {
    s.close();
  }
  assert.deepEqual(await entries(patient.id, ['access.denied']), [['access.denied', 'socket:note:submit']]);
  assert.ok(!JSON.stringify(await app.ctx.db.select().from(auditLog)).includes(secret));
  assert.equal((await verifyAuditLog(app.ctx.db)).ok, true);
});
