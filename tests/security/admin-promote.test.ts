// Making an admin (`npm run admins:promote`): only a fresh account becomes one — not a doctor, not a
// patient with care on record — and the new admin can then invite a doctor. Run as the operator
// would: the script itself, against the test's database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '../../src/db/schema.js';
import { promoteAdmin } from '../../src/users/promoteAdmin.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app?.stop());

const SAYS = {
  promoted: 'is now an admin',
  already: 'is already an admin',
  unknown: 'has no account',
  'has-care': 'has care on record',
  doctor: 'is a doctor',
};

/** The script against the test's PostgreSQL; on PGlite (one opener: the app) the function it runs. */
async function promote(email: string) {
  if (!app.config.databaseUrl) {
    if (!/@/.test(email)) return { code: 2, text: 'usage' };
    const outcome = await promoteAdmin(app.ctx.db, email);
    return { code: outcome === 'promoted' || outcome === 'already' ? 0 : 1, text: SAYS[outcome] };
  }
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admins-promote.ts', '--email', email], {
    env: { ...process.env, DATABASE_URL: app.config.databaseUrl, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  return { code: out.status, text: `${out.stdout}${out.stderr}` };
}

const roleOf = async (id: string) => (await app.ctx.db.select().from(users).where(eq(users.id, id)))[0]!.role;

test('a fresh account becomes an admin who may invite doctors; others are refused', async () => {
  const fresh = await createPatient(app.url);
  const before = await fresh.api.post('/api/admin/doctor-invites', { email: 'dr.new@example.org' });
  assert.equal(before.status, 403);
  const ok = await promote(fresh.email);
  assert.equal(ok.code, 0, ok.text);
  assert.match(ok.text, /is now an admin/);
  assert.equal(await roleOf(fresh.id), 'admin');
  const invite = await fresh.api.post('/api/admin/doctor-invites', { email: 'dr.new@example.org' });
  assert.equal(invite.status, 201, JSON.stringify(invite.body));
  const trail = await app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'admin.promote'), eq(auditLog.subject, `user:${fresh.id}`)));
  assert.equal(trail.length, 1);
  assert.equal((await promote(fresh.email)).code, 0, 'again: already an admin');

  const doctor = await createDoctor(app.url);
  const cared = await createPatient(app.url, { doctor });
  for (const [who, says] of [
    [doctor, /is a doctor/],
    [cared, /has care on record/],
  ] as const) {
    const out = await promote(who.email);
    assert.equal(out.code, 1, out.text);
    assert.match(out.text, says);
  }
  assert.deepEqual([await roleOf(doctor.id), await roleOf(cared.id)], ['doctor', 'patient']);
  const unknown = await promote('nobody@example.org');
  assert.deepEqual([unknown.code, /has no account/.test(unknown.text)], [1, true]);
  assert.equal((await promote('not an email')).code, 2);
});
