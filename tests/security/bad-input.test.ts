// The bad-input set (issue "Trust", Done when): malformed ids, huge numbers, unknown fields,
// oversized bodies and socket messages, wrong types and poisoned push endpoints, over HTTP and
// sockets. Each is refused with {"error":{"code","message"}} (a socket ack: {ok:false,error}),
// never a stack or SQL, and nothing is written: every table's row count (the audit trail aside)
// is the same after the set as before. A database of its own, so no other file's writes count.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/db/client.js';
import { createAdmin } from '../helpers/admin.js';
import { startTestApp, uniqueEmail, type TestApp } from '../helpers/app.js';
import { createPatient, type TestUser } from '../helpers/factories.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { client, request } from '../helpers/http.js';
import { connectSocket } from '../helpers/sockets.js';

let store: FreshStore;
let app: TestApp;
let doctor: TestUser;
let patient: TestUser;
let refusedCount = 0;
before(async () => {
  store = await freshStore('bad_input');
  app = await startTestApp({ ...store.env, DOCTOR_SIGNUP: 'invite', BODY_LIMIT: '100kb' });
  doctor = await signupInvitedDoctor();
  patient = await createPatient(app.url, { doctor });
});
after(async () => {
  console.log(`bad-input: ${refusedCount} cases refused`);
  await app?.stop();
  await store?.drop();
});

/** This app wants invites: the cast's doctor redeems one from an admin. */
async function signupInvitedDoctor(): Promise<TestUser> {
  const admin = await createAdmin(app);
  const email = uniqueEmail('doctor');
  const res = await admin.api.post('/api/admin/doctor-invites', { email });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const password = 'correct-horse-1';
  const signed = await request(app.url, 'POST', '/api/auth/signup', {
    body: { name: 'Dr Bad Input', email, password, role: 'doctor', inviteToken: res.body.invite.token },
  });
  assert.equal(signed.status, 201, JSON.stringify(signed.body));
  const { user, session } = signed.body;
  return {
    ...user,
    password,
    token: session.idToken,
    refreshToken: session.refreshToken,
    api: client(app.url, session.idToken),
  };
}

const NIL = '00000000-0000-4000-8000-000000000000';
const HUGE = ['1e309', '99999999999999999999', '-1', '2147483648', '1.5', 'NaN', 'abc'];
const badIds = ['not-a-uuid', '123', "1' or '1'='1", `${NIL}x`, '%00', 'a'.repeat(300)];

type Case = [label: string, send: () => Promise<{ status: number; body: any }>, status: number | number[]];

function httpCases(): Case[] {
  const p = patient.api;
  const d = doctor.api;
  const raw =
    (path: string, body: string, token = patient.token, method = 'POST') =>
    () =>
      request(app.url, method, path, { token, raw: body });
  const signup = (body: unknown) => () => request(app.url, 'POST', '/api/auth/signup', { body });
  const good = { name: 'N', email: 'bad-input@test.carebeat.dev', password: 'correct-horse-1', role: 'patient' };
  const pushKeys = { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) };
  const cases: Case[] = [];
  for (const id of badIds) {
    const e = encodeURIComponent(id);
    cases.push([`notes of patient ${id}`, () => d.get(`/api/patients/${e}/notes`), 400]);
    cases.push([`timeline of ${id}`, () => p.get(`/api/patients/${e}/timeline`), 400]);
    cases.push([`confirm note ${id}`, () => d.post(`/api/notes/${e}/steps/confirm`), 400]);
    cases.push([`check in ${id}`, () => p.post(`/api/reminders/${e}/checkin`), 400]);
    cases.push([`checklist ${id}`, () => p.post(`/api/checklist/${e}/done`), 400]);
    cases.push([`select doctor ${id}`, () => p.put('/api/me/doctor', { doctorId: id }), 400]);
  }
  for (const n of HUGE) {
    cases.push([`timeline before=${n}`, () => p.get(`/api/patients/${patient.id}/timeline?before=${n}`), 400]);
    cases.push([`timeline limit=${n}`, () => p.get(`/api/patients/${patient.id}/timeline?limit=${n}`), 400]);
  }
  cases.push(
    ['signup: unknown field', signup({ ...good, admin: true }), 400],
    ['signup: role admin', signup({ ...good, role: 'admin' }), 400],
    ['signup: email a number', signup({ ...good, email: 5 }), 400],
    ['signup: password an array', signup({ ...good, password: ['correct-horse-1'] }), 400],
    ['signup: name an object', signup({ ...good, name: { first: 'N' } }), 400],
    ['signup: name with NUL', signup({ ...good, name: 'a\u0000b' }), 400],
    ['signup: doctor without invite', signup({ ...good, role: 'doctor' }), 403],
    ['signup: forged invite', signup({ ...good, role: 'doctor', inviteToken: 'A'.repeat(43) }), 403],
    ['signup: invite too long', signup({ ...good, role: 'doctor', inviteToken: 'A'.repeat(257) }), 400],
    ['signup: body an array', signup([good]), 400],
    ['signup: malformed JSON', () => request(app.url, 'POST', '/api/auth/signup', { raw: '{"name":' }), 400],
    ['select doctor: unknown field', () => p.put('/api/me/doctor', { doctorId: doctor.id, force: true }), 400],
    ['select doctor: id a number', () => p.put('/api/me/doctor', { doctorId: 42 }), 400],
    ['select doctor: unknown doctor', () => p.put('/api/me/doctor', { doctorId: NIL }), 404],
    ['note: unknown field', () => d.post(`/api/patients/${patient.id}/notes`, { content: 'x', urgent: 1 }), 400],
    ['note: content a number', () => d.post(`/api/patients/${patient.id}/notes`, { content: 12 }), 400],
    ['note: mode unknown', () => d.post(`/api/patients/${patient.id}/notes`, { content: 'x', mode: 'wipe' }), 400],
    [
      'note: over 20 000 chars',
      () => d.post(`/api/patients/${patient.id}/notes`, { content: 'x'.repeat(20_001) }),
      400,
    ],
    [
      'note: body over BODY_LIMIT',
      raw(`/api/patients/${patient.id}/notes`, JSON.stringify({ content: 'x'.repeat(120_000) }), doctor.token),
      413,
    ],
    [
      'settings: wrong types',
      () => p.put('/api/me/settings', { timezone: 1, wakeTime: true, sleepTime: [], quietHours: 'yes' }),
      400,
    ],
    [
      'settings: unknown zone',
      () =>
        p.put('/api/me/settings', {
          timezone: 'Mars/Olympus',
          wakeTime: '07:00',
          sleepTime: '22:00',
          quietHours: true,
        }),
      400,
    ],
    [
      'settings: unknown field',
      () =>
        p.put('/api/me/settings', {
          timezone: 'UTC',
          wakeTime: '07:00',
          sleepTime: '22:00',
          quietHours: true,
          admin: 1,
        }),
      400,
    ],
    ['invite: not an admin', () => d.post('/api/admin/doctor-invites', { email: 'x@y.org' }), 403],
    [
      'logout: a body',
      () => request(app.url, 'POST', '/api/auth/logout', { token: patient.token, body: { all: true } }),
      400,
    ],
    [
      'push: http endpoint',
      () => p.post('/api/push/subscriptions', { endpoint: 'http://fcm.googleapis.com/x', keys: pushKeys }),
      400,
    ],
    [
      'push: loopback',
      () => p.post('/api/push/subscriptions', { endpoint: 'https://127.0.0.1/wp', keys: pushKeys }),
      400,
    ],
    [
      'push: metadata host',
      () => p.post('/api/push/subscriptions', { endpoint: 'https://169.254.169.254/latest', keys: pushKeys }),
      400,
    ],
    [
      'push: unknown host',
      () => p.post('/api/push/subscriptions', { endpoint: 'https://push.evil.example/x', keys: pushKeys }),
      400,
    ],
    [
      'push: credentials in URL',
      () => p.post('/api/push/subscriptions', { endpoint: 'https://u:p@fcm.googleapis.com/x', keys: pushKeys }),
      400,
    ],
    [
      'push: lookalike host',
      () =>
        p.post('/api/push/subscriptions', { endpoint: 'https://fcm.googleapis.com.evil.example/x', keys: pushKeys }),
      400,
    ],
    [
      'push: javascript URL',
      () => p.post('/api/push/subscriptions', { endpoint: 'javascript:alert(1)', keys: pushKeys }),
      400,
    ],
    [
      'push: keys wrong type',
      () => p.post('/api/push/subscriptions', { endpoint: 'https://fcm.googleapis.com/x', keys: 'k' }),
      400,
    ],
    [
      'push: endpoint too long',
      () =>
        p.post('/api/push/subscriptions', {
          endpoint: `https://fcm.googleapis.com/${'a'.repeat(3000)}`,
          keys: pushKeys,
        }),
      400,
    ],
  );
  return cases;
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = rowsOf<{ t: string }>(
    await app.ctx.db.execute(sql`select table_name as t from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('audit_log', 'audit_head')`),
  ).map((r) => r.t);
  const counts: Record<string, number> = {};
  for (const t of tables)
    counts[t] = Number(
      rowsOf<{ n: string }>(await app.ctx.db.execute(sql.raw(`select count(*) as n from "${t}"`)))[0]!.n,
    );
  return counts;
}

function assertRefused(label: string, status: number, body: any, want: number | number[]) {
  const wanted = Array.isArray(want) ? want : [want];
  assert.ok(wanted.includes(status), `${label}: status ${status} ${JSON.stringify(body)?.slice(0, 300)}`);
  assert.equal(typeof body?.error?.code, 'string', `${label}: error shape`);
  assert.match(body.error.code, /^[A-Z][A-Z0-9_]*$/, label);
  assert.equal(typeof body.error.message, 'string', label);
  assert.doesNotMatch(JSON.stringify(body), /\bat .+:\d+:\d+|select |insert |drizzle/i, `${label}: no stack, no SQL`);
  refusedCount++;
}

test('the bad-input set over HTTP and sockets: each refused with the error shape, nothing written', async () => {
  const before = await tableCounts();
  for (const [label, send, want] of httpCases()) {
    const res = await send();
    assertRefused(label, res.status, res.body, want);
  }
  const s = await connectSocket(app.url, patient.token);
  const ds = await connectSocket(app.url, doctor.token);
  try {
    const socketCases: Array<[string, typeof s, string, unknown]> = [
      ['sync: no payload', s, 'sync', undefined],
      ['sync: a string', s, 'sync', 'hello'],
      ['sync: afterSeq a string', s, 'sync', { afterSeq: '0' }],
      ['sync: afterSeq null (JSON Infinity)', s, 'sync', { afterSeq: null }],
      ['sync: afterSeq 2^53', s, 'sync', { afterSeq: 2 ** 53 }],
      ['sync: afterSeq negative', s, 'sync', { afterSeq: -1 }],
      ['sync: fractional', s, 'sync', { afterSeq: 0.5 }],
      ['sync: unknown field', s, 'sync', { afterSeq: 0, all: true }],
      ['ack: huge', s, 'ack', { uptoSeq: 1e300 }],
      ['ack: an array', s, 'ack', [1]],
      ['checkin: malformed id', s, 'reminder:checkin', { reminderId: "1' or 1=1" }],
      ['checkin: id a number', s, 'reminder:checkin', { reminderId: 7 }],
      ['confirm: malformed id', ds, 'steps:confirm', { noteId: 'x' }],
      ['correct: steps wrong type', ds, 'steps:correct', { noteId: NIL, steps: 'all' }],
      ['note:submit: unknown field', ds, 'note:submit', { patientId: patient.id, content: 'x', to: 'all' }],
      ['note:submit: content too long', ds, 'note:submit', { patientId: patient.id, content: 'x'.repeat(20_001) }],
      ['note:submit: patient id malformed', ds, 'note:submit', { patientId: '../', content: 'x' }],
      ['note:submit: by a patient', s, 'note:submit', { patientId: patient.id, content: 'x' }],
    ];
    for (const [label, sock, command, data] of socketCases) {
      const ack = await sock.request(command as never, data);
      assert.equal(ack.ok, false, label);
      assertRefused(label, ack.error.code === 'FORBIDDEN' ? 403 : 400, ack, [400, 403]);
    }
  } finally {
    s.close();
    ds.close();
  }
  // A socket message over BODY_LIMIT: the connection is closed before any handler runs.
  const big = await connectSocket(app.url, doctor.token);
  const closed = new Promise<string>((resolve) => {
    big.socket.once('disconnect', (reason) => resolve(reason));
    setTimeout(() => resolve('still connected'), 5_000).unref();
  });
  big.socket.emit('note:submit', { patientId: patient.id, content: 'x'.repeat(150 * 1024) }, () => {});
  assert.match(await closed, /transport (close|error)/);
  big.close();
  refusedCount++;

  assert.deepEqual(await tableCounts(), before, 'nothing was written');
  assert.ok(refusedCount > 90, `the set is not empty (${refusedCount})`);
});
