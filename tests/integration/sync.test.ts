// The outbox and `sync`: every event has eventId/seq/at, seq increases per user, and a device that
// was offline gets exactly what it missed, in order, with the payloads a live device saw.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { connectSocket } from '../helpers/sockets.js';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(async () => {
  await app.stop();
});

test('live events carry eventId, seq strictly increasing per user, and at', async () => {
  const doctor = await createDoctor(app.url);
  const other = await createDoctor(app.url);
  const s = await connectSocket(app.url, doctor.token);
  const o = await connectSocket(app.url, other.token);
  try {
    // Interleave events for two doctors: each has its own sequence.
    const patients = [];
    for (let i = 0; i < 3; i++) {
      patients.push(await createPatient(app.url, { doctor }));
      await createPatient(app.url, { doctor: other });
    }
    for (const p of patients) await s.waitFor('patient:assigned', (e) => e.patient.id === p.id);
    await o.waitFor('patient:assigned', () => o.events.length >= 3);
    for (const sock of [s, o]) {
      const payloads = sock.events.map((e) => e.payload);
      assert.equal(payloads.length, 3);
      for (const p of payloads) {
        assert.match(p.eventId, /^[0-9a-f-]{36}$/);
        assert.ok(Number.isInteger(p.seq) && p.seq > 0);
        assert.ok(!Number.isNaN(Date.parse(p.at)));
      }
      for (let i = 1; i < payloads.length; i++)
        assert.ok(payloads[i].seq > payloads[i - 1].seq, 'seq strictly increasing');
      assert.equal(new Set(payloads.map((p) => p.eventId)).size, 3, 'eventIds are unique');
    }
    assert.deepEqual(
      s.events.map((e) => e.payload.patient.id),
      patients.map((p) => p.id),
      'in the order they happened',
    );
  } finally {
    s.close();
    o.close();
  }
});

test('after a reconnect, sync returns exactly the missed events, in order, as the live device saw them', async () => {
  const doctor = await createDoctor(app.url);
  const first = await connectSocket(app.url, doctor.token);
  const p0 = await createPatient(app.url, { doctor });
  const seen = await first.waitFor('patient:assigned', (e) => e.patient.id === p0.id);
  const lastSeenSeq: number = seen.seq;
  first.close();

  // A second device stays online and records the live payloads of the offline period.
  const live = await connectSocket(app.url, doctor.token);
  const missed = [];
  try {
    for (let i = 0; i < 3; i++) missed.push(await createPatient(app.url, { doctor, name: `Missed ${i}` }));
    for (const p of missed) await live.waitFor('patient:assigned', (e) => e.patient.id === p.id);
  } finally {
    live.close();
  }
  assert.equal(first.events.length, 1, 'the disconnected device got nothing while offline');

  const back = await connectSocket(app.url, doctor.token);
  try {
    const reply = await back.request('sync', { afterSeq: lastSeenSeq });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    assert.equal(reply.hasMore, false);
    assert.equal(reply.events.length, 3);
    assert.deepEqual(reply.events, live.events, 'replayed payloads equal the live ones, in order');
    assert.deepEqual(
      reply.events.map((e: any) => e.payload.patient),
      missed.map((p) => ({ id: p.id, name: p.name })),
    );
    assert.deepEqual(
      reply.events.map((e: any) => e.payload.seq),
      [lastSeenSeq + 1, lastSeenSeq + 2, lastSeenSeq + 3],
    );

    // From 0 the whole history comes back, the first event included; beyond the end, nothing.
    const all = await back.request('sync', { afterSeq: 0 });
    assert.equal(all.events.length, 4);
    assert.deepEqual(all.events[0].payload, seen);
    const lastSeq = reply.events[2].payload.seq;
    assert.deepEqual(await back.request('sync', { afterSeq: lastSeq }), { ok: true, events: [], hasMore: false });
    assert.deepEqual(await back.request('sync', { afterSeq: lastSeq + 1000 }), {
      ok: true,
      events: [],
      hasMore: false,
    });

    // Paging: limit 2 gives the first two and says there is more.
    const page = await back.request('sync', { afterSeq: 0, limit: 2 });
    assert.equal(page.hasMore, true);
    assert.deepEqual(page.events, all.events.slice(0, 2));
  } finally {
    back.close();
  }
});

test("sync only ever returns the caller's own events", async () => {
  const doctor = await createDoctor(app.url);
  await createPatient(app.url, { doctor });
  const patient = await createPatient(app.url);
  const s = await connectSocket(app.url, patient.token);
  try {
    assert.deepEqual(await s.request('sync', { afterSeq: 0 }), { ok: true, events: [], hasMore: false });
  } finally {
    s.close();
  }
});

test('invalid sync payloads → {ok:false,error:{code:VALIDATION_FAILED}}', async () => {
  const doctor = await createDoctor(app.url);
  const s = await connectSocket(app.url, doctor.token);
  try {
    const bad: unknown[] = [
      {},
      { afterSeq: -1 },
      { afterSeq: 1.5 },
      { afterSeq: '3' },
      { afterSeq: 0, extra: true },
      { afterSeq: 0, limit: 0 },
      { afterSeq: 0, limit: 100_000 },
      null,
      'afterSeq',
      [0],
    ];
    for (const data of bad) {
      const reply = await s.request('sync', data);
      assert.equal(reply.ok, false, JSON.stringify(data));
      assert.equal(reply.error.code, 'VALIDATION_FAILED', JSON.stringify(data));
      assert.equal(typeof reply.error.message, 'string');
      assert.doesNotMatch(JSON.stringify(reply), /\bat .+:\d+:\d+/, 'no stack trace');
    }
    const unknown = await s.request('sync', { afterSeq: 0, since: 'yesterday' });
    assert.match(JSON.stringify(unknown.error.details), /since/, 'the unknown field is named');
    // The socket is still usable after the rejections.
    assert.equal((await s.request('sync', { afterSeq: 0 })).ok, true);
  } finally {
    s.close();
  }
});
