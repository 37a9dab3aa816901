// Two-way messages, black-box over HTTP and sockets: delivery live to both sides, read receipts
// both ways, the thread and its unread counts, the timeline, the doctor's list, and access by the
// CURRENT relationship (a doctor the patient left can neither read nor write, and hears nothing).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { dumpDatabase, dumpRedis } from '../helpers/atRest.js';
import { createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { logSink } from '../helpers/logs.js';
import { sleep } from '../helpers/poll.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';

const { lines: logLines, stream } = logSink();
let app: TestApp;
let doctor: TestUser, patient: TestUser;
let ds: TestSocket, ps: TestSocket;

before(async () => {
  // Three per author per thread per minute: the limit is reached inside this file.
  app = await startTestApp({ MESSAGES_PER_MIN: '3' }, { logger: pino({ level: 'debug' }, stream) });
  doctor = await createDoctor(app.url);
  patient = await createPatient(app.url, { doctor });
  ds = await connectSocket(app.url, doctor.token);
  ps = await connectSocket(app.url, patient.token);
});
after(async () => {
  ds?.close();
  ps?.close();
  await app?.stop();
});

const SIDE_EFFECT = 'The tablets make me sick in the morning (zorbulax)';

test('a message reaches both sides live; the reply too, by socket; the thread and the timeline hold both', async () => {
  const sent = await patient.api.post(`/api/patients/${patient.id}/messages`, { text: SIDE_EFFECT });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  const m = sent.body.message;
  assert.deepEqual(
    { text: m.text, authorId: m.authorId, doctorId: m.doctorId, patientId: m.patientId, readAt: m.readAt },
    { text: SIDE_EFFECT, authorId: patient.id, doctorId: doctor.id, patientId: patient.id, readAt: null },
  );
  const atDoctor = await ds.waitFor('message:new', (p) => p.message.id === m.id);
  const atPatient = await ps.waitFor('message:new', (p) => p.message.id === m.id);
  assert.equal(atDoctor.message.text, SIDE_EFFECT);
  assert.equal(atPatient.message.text, SIDE_EFFECT);

  const reply = await ds.request('message:send', {
    patientId: patient.id,
    text: 'Take it with food; tell me tomorrow.',
  });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  const live = await ps.waitFor('message:new', (p) => p.message.id === reply.message.id);
  assert.equal(live.message.authorId, doctor.id);

  for (const [who, reader] of [
    ['patient', patient],
    ['doctor', doctor],
  ] as const) {
    const thread = await reader.api.get(`/api/patients/${patient.id}/messages`);
    assert.equal(thread.status, 200, who);
    assert.deepEqual(
      thread.body.messages.map((x: { text: string }) => x.text),
      ['Take it with food; tell me tomorrow.', SIDE_EFFECT],
      `${who}: newest first`,
    );
    assert.equal(thread.body.unread, 1, `${who}: one from the other side, unread`);
    // The record: the timeline shows the message exactly as it arrived live.
    const timeline = await reader.api.get(`/api/patients/${patient.id}/timeline`);
    const entry = timeline.body.events.find((e: any) => e.type === 'message:new' && e.payload.message.id === m.id);
    assert.deepEqual(entry.payload, who === 'doctor' ? atDoctor : atPatient, `${who}: timeline equals live`);
  }
  // Paging: one at a time, then the older one.
  const first = await doctor.api.get(`/api/patients/${patient.id}/messages?limit=1`);
  const older = await doctor.api.get(`/api/patients/${patient.id}/messages?limit=1&before=${first.body.nextBefore}`);
  assert.deepEqual(
    [first.body.messages[0].id, older.body.messages[0].id, older.body.nextBefore],
    [reply.message.id, m.id, null],
  );
});

test('read receipts both ways: up to a message, once, to both sides; the doctor list counts unread', async () => {
  const second = await patient.api.post(`/api/patients/${patient.id}/messages`, { text: 'Also a rash.' });
  const desk = async () =>
    (await doctor.api.get('/api/me/patients')).body.patients.find((p: { id: string }) => p.id === patient.id);
  assert.equal((await desk()).unreadMessages, 2);

  const read = await doctor.api.post(`/api/messages/${second.body.message.id}/read`);
  assert.equal(read.status, 200, JSON.stringify(read.body));
  assert.equal(read.body.receipt.messageIds.length, 2, 'this one and the earlier unread one');
  const receipt = await ps.waitFor('message:read', (p) => p.readerId === doctor.id);
  assert.deepEqual(receipt.messageIds, read.body.receipt.messageIds);
  await ds.waitFor('message:read', (p) => p.readerId === doctor.id);
  assert.equal((await desk()).unreadMessages, 0);

  const again = await doctor.api.post(`/api/messages/${second.body.message.id}/read`);
  assert.deepEqual(again.body.receipt.messageIds, [], 'a second receipt changes nothing');
  await sleep(300);
  assert.equal(ps.events.filter((e) => e.type === 'message:read' && e.payload.readerId === doctor.id).length, 1);

  // The other way, by socket; and nobody marks their own message read.
  const mine = await doctor.api.get(`/api/patients/${patient.id}/messages`);
  const fromDoctor = mine.body.messages.find((x: { authorId: string }) => x.authorId === doctor.id);
  assert.equal((await doctor.api.post(`/api/messages/${fromDoctor.id}/read`)).status, 403);
  const ack = await ps.request('message:read', { messageId: fromDoctor.id });
  assert.equal(ack.ok, true, JSON.stringify(ack));
  const back = await ds.waitFor('message:read', (p) => p.readerId === patient.id);
  assert.deepEqual(back.messageIds, [fromDoctor.id]);
  const thread = await doctor.api.get(`/api/patients/${patient.id}/messages`);
  assert.ok(thread.body.messages.every((x: { readAt: string | null }) => x.readAt !== null));
});

test('bad input: a clear 400 and nothing stored; no doctor → 409; over the limit → 429 with Retry-After', async () => {
  const count = async () =>
    (await patient.api.get(`/api/patients/${patient.id}/messages?limit=100`)).body.messages.length;
  const before = await count();
  const path = `/api/patients/${patient.id}/messages`;
  for (const body of [
    {},
    { text: '' },
    { text: '   \n ' },
    { text: 'x'.repeat(2001) },
    { text: 42 },
    { text: 'hi\u0000there' },
    { text: 'hi', extra: true },
  ]) {
    const res = await patient.api.post(path, body);
    assert.equal(res.status, 400, JSON.stringify(body).slice(0, 60));
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
  }
  assert.equal((await patient.api.post('/api/patients/not-a-uuid/messages', { text: 'hi' })).status, 400);
  assert.equal((await doctor.api.post(`/api/patients/${crypto.randomUUID()}/messages`, { text: 'hi' })).status, 404);
  assert.equal((await doctor.api.post(`/api/messages/${crypto.randomUUID()}/read`)).status, 404);
  const bad = await ps.request('message:send', { patientId: patient.id, text: '' });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'VALIDATION_FAILED');
  assert.equal(await count(), before, 'nothing stored');

  const alone = await createPatient(app.url);
  const none = await alone.api.post(`/api/patients/${alone.id}/messages`, { text: 'anyone?' });
  assert.deepEqual([none.status, none.body.error.code], [409, 'NO_DOCTOR']);

  // The patient has sent 2 in this minute; the limit is 3.
  assert.equal((await patient.api.post(path, { text: 'third' })).status, 201);
  const over = await patient.api.post(path, { text: 'fourth' });
  assert.deepEqual([over.status, over.body.error.code], [429, 'RATE_LIMITED']);
  assert.ok(Number(over.headers.get('retry-after')) >= 1);
  const overSocket = await ps.request('message:send', { patientId: patient.id, text: 'fifth' });
  assert.equal(overSocket.error.code, 'RATE_LIMITED');
  assert.equal(await count(), before + 1, 'the refused ones are not stored');
  assert.ok(!logLines.join('').includes('fourth'), 'refused text is not logged');
});

test('access follows the current doctor: a former doctor cannot read, write or mark, and hears nothing more', async () => {
  const first = await createDoctor(app.url);
  const second = await createDoctor(app.url);
  const p = await createPatient(app.url, { doctor: first });
  const firstSocket = await connectSocket(app.url, first.token);
  try {
    const old = await p.api.post(`/api/patients/${p.id}/messages`, { text: 'Before I moved (plexamine)' });
    await firstSocket.waitFor('message:new', (x) => x.message.id === old.body.message.id);
    const stranger = await createDoctor(app.url);
    assert.equal((await stranger.api.get(`/api/patients/${p.id}/messages`)).status, 403);
    assert.equal((await stranger.api.post(`/api/patients/${p.id}/messages`, { text: 'hello' })).status, 403);

    assert.equal((await p.api.put('/api/me/doctor', { doctorId: second.id })).status, 200);
    const now = await p.api.post(`/api/patients/${p.id}/messages`, { text: 'For my new doctor' });
    assert.equal(now.body.message.doctorId, second.id);
    assert.equal((await first.api.get(`/api/patients/${p.id}/messages`)).status, 403);
    assert.equal((await first.api.post(`/api/patients/${p.id}/messages`, { text: 'still here' })).status, 403);
    assert.equal((await first.api.post(`/api/messages/${old.body.message.id}/read`)).status, 403);
    // The new doctor reads only their own thread: the earlier one was never theirs to open.
    const theirs = await second.api.get(`/api/patients/${p.id}/messages`);
    assert.deepEqual(
      theirs.body.messages.map((x: { text: string }) => x.text),
      ['For my new doctor'],
    );
    // The patient keeps both threads; reading the old doctor's thread tells the old doctor nothing.
    const all = await p.api.get(`/api/patients/${p.id}/messages`);
    assert.equal(all.body.messages.length, 2);
    await sleep(300);
    assert.ok(
      !firstSocket.events.some((e) => e.type === 'message:new' && e.payload.message.id === now.body.message.id),
    );
    // Replay: the old doctor's own events stay (seqs gapless) but without the text.
    const replay = await firstSocket.request('sync', { afterSeq: 0 });
    const replayed = replay.events.find((e: any) => e.type === 'message:new');
    assert.equal(replayed.payload.message.text, '');
  } finally {
    firstSocket.close();
  }
});

test('at rest: no message text in any table or Redis key, nor in the logs or the job queues', async () => {
  const db = await dumpDatabase(app);
  assert.ok(db.tables.includes('messages'));
  const redis = await dumpRedis(app);
  for (const word of ['zorbulax', 'plexamine', 'Also a rash', 'For my new doctor']) {
    assert.ok(!db.text.includes(word), `${word} in the database`);
    assert.ok(!redis.text.includes(word), `${word} in Redis`);
    assert.ok(!logLines.join('').includes(word), `${word} in the logs`);
  }
  assert.ok(logLines.length > 0, 'the log was written to');
});

test("a patient's unread message raises them in sort=attention; read, or the doctor's own, does not", async () => {
  // A doctor of their own: nothing else to decide (no plans), so the order is by name otherwise.
  const d = await createDoctor(app.url);
  const anna = await createPatient(app.url, { doctor: d, name: 'Anna Quiet' });
  const zoe = await createPatient(app.url, { doctor: d, name: 'Zoe Writes' });
  const order = async () =>
    (await d.api.get('/api/me/patients?sort=attention')).body.patients.map((p: { id: string }) => p.id);
  assert.deepEqual(await order(), [anna.id, zoe.id], 'nothing to decide: by name');
  const sent = await zoe.api.post(`/api/patients/${zoe.id}/messages`, { text: 'Can I take it with food?' });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  assert.deepEqual(await order(), [zoe.id, anna.id], 'the patient with an unread message first');
  assert.equal((await d.api.post(`/api/messages/${sent.body.message.id}/read`)).status, 200);
  assert.deepEqual(await order(), [anna.id, zoe.id], 'read: back by name');
  const own = await d.api.post(`/api/patients/${zoe.id}/messages`, { text: 'Yes, with food is fine.' });
  assert.equal(own.status, 201, JSON.stringify(own.body));
  assert.deepEqual(await order(), [anna.id, zoe.id], "the doctor's own message is nothing to read");
});
