// Who may be a doctor (issue "Trust", finding 1): with DOCTOR_SIGNUP=invite a doctor signs up only
// with an admin's single-use, expiring invite for their email; patients see and choose only
// verified doctors. Every refusal has the documented code and writes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { verifyAuditLog } from '../../src/audit/log.js';
import { assignments, auditLog, doctorInvites, users } from '../../src/db/schema.js';
import { inTransaction } from '../../src/events/unitOfWork.js';
import { redeemInvite } from '../../src/users/invites.js';
import { createAdmin } from '../helpers/admin.js';
import { startTestApp, uniqueEmail, type TestApp } from '../helpers/app.js';
import { createPatient, signup } from '../helpers/factories.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { request, type Reply } from '../helpers/http.js';

let store: FreshStore;
let app: TestApp;
let admin: Awaited<ReturnType<typeof createAdmin>>;
before(async () => {
  store = await freshStore('doctor_invites');
  app = await startTestApp({ ...store.env, DOCTOR_SIGNUP: 'invite' });
  admin = await createAdmin(app);
});
after(async () => {
  await app?.stop();
  await store?.drop();
});

const PASSWORD = 'correct-horse-1';
const doctorSignup = (email: string, inviteToken?: string) =>
  request(app.url, 'POST', '/api/auth/signup', {
    body: { name: 'Dr Namesake', email, password: PASSWORD, role: 'doctor', ...(inviteToken ? { inviteToken } : {}) },
  });
const invite = async (email: string) => {
  const res = await admin.api.post('/api/admin/doctor-invites', { email });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.invite.token as string;
};
function refused(res: Reply, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body?.error?.code, code, JSON.stringify(res.body));
  assert.equal(typeof res.body.error.message, 'string');
}
async function noAccount(email: string) {
  assert.equal((await app.ctx.db.select().from(users).where(eq(users.email, email))).length, 0, 'no profile');
  await assert.rejects(app.ctx.auth.admin.getUserByEmail(email), 'no Firebase account');
}

test('a doctor without an invite → 403 INVITE_REQUIRED, nothing written; a patient needs none', async () => {
  const email = uniqueEmail('doctor');
  refused(await doctorSignup(email), 403, 'INVITE_REQUIRED');
  await noAccount(email);
  const patient = await createPatient(app.url);
  assert.ok(patient.id);
  const p = uniqueEmail('patient');
  const withToken = await request(app.url, 'POST', '/api/auth/signup', {
    body: { name: 'P', email: p, password: PASSWORD, role: 'patient', inviteToken: 'x'.repeat(43) },
  });
  refused(withToken, 400, 'VALIDATION_FAILED');
  const asAdmin = await request(app.url, 'POST', '/api/auth/signup', {
    body: { name: 'A', email: p, password: PASSWORD, role: 'admin' },
  });
  refused(asAdmin, 400, 'VALIDATION_FAILED');
  await noAccount(p);
});

test('only an admin creates invites: 201 {invite:{token,expiresAt}}, only the hash stored, audited', async () => {
  const doctor = await signupWithInvite(uniqueEmail('doctor'));
  const patient = await createPatient(app.url);
  const email = uniqueEmail('invitee');
  for (const who of [doctor, patient])
    refused(await who.api.post('/api/admin/doctor-invites', { email }), 403, 'FORBIDDEN');
  refused(await request(app.url, 'POST', '/api/admin/doctor-invites', { body: { email } }), 401, 'UNAUTHORIZED');
  for (const body of [{}, { email: 'not-an-email' }, { email, role: 'doctor' }, { email: ['a@b.c'] }])
    refused(await admin.api.post('/api/admin/doctor-invites', body), 400, 'VALIDATION_FAILED');
  assert.equal((await app.ctx.db.select().from(doctorInvites).where(eq(doctorInvites.email, email))).length, 0);

  const res = await admin.api.post('/api/admin/doctor-invites', { email: email.toUpperCase() });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.deepEqual(Object.keys(res.body.invite).sort(), ['expiresAt', 'token']);
  const { token, expiresAt } = res.body.invite;
  const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 6.9 && days <= 7, `expires in 7 days (${days})`);
  const [row] = await app.ctx.db.select().from(doctorInvites).where(eq(doctorInvites.email, email));
  assert.ok(row, 'stored under the lower-cased email');
  assert.equal(row.createdBy, admin.id);
  assert.ok(!JSON.stringify(await app.ctx.db.select().from(doctorInvites)).includes(token), 'never the token');
  const trail = await app.ctx.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subject, `invite:${row.id}`));
  assert.deepEqual(
    trail.map((r) => [r.actorId, r.action]),
    [[admin.id, 'invite.create']],
  );
  const denied = await app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'access.denied'), inArray(auditLog.actorId, [doctor.id, patient.id])));
  assert.deepEqual(
    denied.map((r) => r.subject),
    ['/api/admin/doctor-invites', '/api/admin/doctor-invites'],
  );
});

async function signupWithInvite(email: string) {
  const token = await invite(email);
  const res = await doctorSignup(email, token);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { ...(await loginAs(email)), token };
}
async function loginAs(email: string) {
  const [row] = await app.ctx.db.select().from(users).where(eq(users.email, email));
  const session = await app.ctx.auth.signIn(email, PASSWORD);
  const { client } = await import('../helpers/http.js');
  return { id: row!.id, row: row!, api: client(app.url, session.idToken) };
}

test('an invite works once, for its email, before it expires; the doctor is verified, signup is no login', async () => {
  const email = uniqueEmail('doctor');
  const token = await invite(email);
  refused(await doctorSignup(uniqueEmail('other'), token), 403, 'INVITE_INVALID');
  refused(await doctorSignup(email, `${token}x`), 403, 'INVITE_INVALID');
  const ok = await doctorSignup(` ${email.toUpperCase()} `, token);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  const doctor = await loginAs(email);
  assert.ok(doctor.row.verifiedAt, 'verified at signup');
  const [used] = await app.ctx.db.select().from(doctorInvites).where(eq(doctorInvites.email, email));
  assert.equal(used?.usedBy, doctor.id);
  const actions = (await app.ctx.db.select().from(auditLog).where(eq(auditLog.actorId, doctor.id))).map(
    (r) => r.action,
  );
  assert.deepEqual(actions, ['invite.redeem'], 'redeemed, and signup is not a session.login');

  const again = uniqueEmail('again');
  refused(await doctorSignup(email, token), 403, 'INVITE_INVALID'); // used (and the email is taken)
  await app.ctx.db.update(doctorInvites).set({ email: again }).where(eq(doctorInvites.id, used!.id));
  refused(await doctorSignup(again, token), 403, 'INVITE_INVALID'); // used, for a free email
  await noAccount(again);

  const late = uniqueEmail('late');
  const expired = await invite(late);
  await app.ctx.db
    .update(doctorInvites)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(doctorInvites.email, late));
  refused(await doctorSignup(late, expired), 403, 'INVITE_INVALID');
  await noAccount(late);
});

test('one token, concurrent redemptions: exactly one succeeds', async () => {
  const email = uniqueEmail('race');
  const token = await invite(email);
  const replies = await Promise.all(Array.from({ length: 6 }, () => doctorSignup(email, token)));
  const statuses = replies.map((r) => r.status).sort();
  assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
  for (const r of replies.filter((x) => x.status !== 201))
    assert.ok(['EMAIL_TAKEN', 'INVITE_INVALID'].includes(r.body.error.code), JSON.stringify(r.body));
  assert.equal((await app.ctx.db.select().from(users).where(eq(users.email, email))).length, 1);

  // The database's own guarantee, beneath the email check: two transactions redeeming one token
  // for two (unverified) accounts commit one redemption.
  const e2 = uniqueEmail('race2');
  const t2 = await invite(e2);
  const [a, b] = [await createPatient(app.url), await createPatient(app.url)];
  const results = await Promise.allSettled(
    [a, b].map((u) => inTransaction(app.ctx, (uow) => redeemInvite(uow.tx, t2, e2, u.id))),
  );
  assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  assert.equal(rejected.reason.code, 'INVITE_INVALID');
});

test('an unverified doctor is not listed and not selectable; their patient keeps them; an invite verifies them', async () => {
  const legacy = await signupWithInvite(uniqueEmail('legacy'));
  const patient = await createPatient(app.url, { doctor: legacy as never });
  // A doctor account from before invites: verified_at null, as migration 0007 left them.
  await app.ctx.db.update(users).set({ verifiedAt: null }).where(eq(users.id, legacy.id));
  const newcomer = await createPatient(app.url);
  const listed = (await newcomer.api.get('/api/doctors')).body.doctors as Array<{ id: string }>;
  assert.ok(!listed.some((d) => d.id === legacy.id), 'not listed');
  refused(await newcomer.api.put('/api/me/doctor', { doctorId: legacy.id }), 404, 'NOT_FOUND');
  assert.equal((await app.ctx.db.select().from(assignments).where(eq(assignments.patientId, newcomer.id))).length, 0);
  assert.equal((await patient.api.get('/api/me')).body.doctor?.id, legacy.id, 'the assignment stands');
  const theirs = (await legacy.api.get('/api/me/patients')).body.patients as Array<{ id: string }>;
  assert.ok(
    theirs.some((p) => p.id === patient.id),
    'and the doctor still has the patient',
  );

  refused(await legacy.api.post('/api/me/verification', { inviteToken: legacy.token }), 403, 'INVITE_INVALID');
  const fresh = await invite(legacy.row.email);
  refused(await patient.api.post('/api/me/verification', { inviteToken: fresh }), 403, 'FORBIDDEN');
  const ok = await legacy.api.post('/api/me/verification', { inviteToken: fresh });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  refused(await legacy.api.post('/api/me/verification', { inviteToken: fresh }), 403, 'FORBIDDEN');
  const now = (await newcomer.api.get('/api/doctors')).body.doctors as Array<{ id: string }>;
  assert.ok(
    now.some((d) => d.id === legacy.id),
    'listed once verified',
  );
  assert.equal((await newcomer.api.put('/api/me/doctor', { doctorId: legacy.id })).status, 200);
  assert.equal((await verifyAuditLog(app.ctx.db)).ok, true);
});

test('open mode (development, test): a doctor without an invite is verified', async () => {
  const open = await startTestApp({ DOCTOR_SIGNUP: 'open' });
  try {
    const d = await signup(open.url, 'doctor');
    const [row] = await open.ctx.db.select().from(users).where(eq(users.id, d.id));
    assert.ok(row?.verifiedAt);
  } finally {
    await open.stop();
  }
});
