// Master key rotation end to end: notes written under v1, `npm run keys:rotate` re-wraps every
// private key under v2, and an app that knows only v2 still reads the old notes, whose rows were
// not touched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { parseKeyring } from '../../src/crypto/index.js';
import { rotateUserKeys } from '../../src/crypto/rotation.js';
import { startTestApp, testEnv, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { client } from '../helpers/http.js';
import { connectSocket } from '../helpers/sockets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const V1 = randomBytes(32).toString('base64');
const V2 = randomBytes(32).toString('base64url');
const NOTES = [
  'Take nitrofurantoin 100mg twice daily for 3 days. Buy a thermoquartz humidifier.',
  'Apply clotrimazole cream once daily for 5 days.',
];

let store: FreshStore;
const apps: TestApp[] = [];
let doctor: TestUser, patient: TestUser;

before(async () => {
  store = await freshStore('rot');
});
after(async () => {
  for (const a of apps) await a.stop();
  await store?.drop();
});

const rows = async (app: TestApp, query: string) =>
  ((await app.ctx.db.execute(sql.raw(query))) as unknown as { rows: Array<Record<string, unknown>> }).rows;
/** The sealed rows as text: what must not change when only the private-key wraps rotate. */
const snapshot = async (app: TestApp) =>
  JSON.stringify(
    await Promise.all([
      rows(app, 'select n::text as r from notes n order by id'),
      rows(app, 'select c::text as r from checklist_items c order by id'),
      rows(app, 'select p::text as r from plan_items p order by id'),
    ]),
  );
let sealedBefore: string;

/** `npm run keys:rotate`'s command, against this test's database, with only the given keys. */
async function rotateCommand(env: Record<string, string>) {
  const full = testEnv({ ...store.env, ...env });
  const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'keys:rotate'], {
    cwd: root,
    env: { ...process.env, ...full },
    timeout: 60_000,
  });
  for (const secret of [V1, V2]) assert.ok(!(stdout + stderr).includes(secret), 'the command printed a key');
  return stdout;
}

test('notes written under master key v1', async () => {
  const app = await startTestApp({ ...store.env, MASTER_KEY: V1, MASTER_KEY_VERSION: '1' });
  apps.push(app);
  doctor = await createDoctor(app.url);
  patient = await createPatient(app.url, { doctor });
  const ds = await connectSocket(app.url, doctor.token);
  try {
    for (const content of NOTES) {
      const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content });
      await ds.waitFor('steps:ready', (p) => p.noteId === res.body.note.id);
    }
  } finally {
    ds.close();
  }
  const wraps = await rows(app, 'select wrapped_private_key as w from users');
  assert.equal(wraps.length, 2);
  assert.ok(wraps.every((r) => String(r.w).startsWith('v1.')));
  sealedBefore = await snapshot(app);
  await app.stop();
  apps.pop();
});

test('keys:rotate re-wraps every private key under v2 and leaves the notes alone', async () => {
  const refused = await rotateCommand({ MASTER_KEY: V2, MASTER_KEY_VERSION: '2' }).then(
    () => null,
    (e: { code: number; stderr: string }) => e,
  );
  assert.ok(refused && refused.code !== 0, 'without the old key the command must fail');
  assert.match(refused.stderr, /cannot be opened/);

  const out = await rotateCommand({ MASTER_KEY: V2, MASTER_KEY_VERSION: '2', MASTER_KEYS_PREVIOUS: `1:${V1}` });
  assert.match(out, /rotated 2, already current 0/);
  const again = await rotateCommand({ MASTER_KEY: V2, MASTER_KEY_VERSION: '2', MASTER_KEYS_PREVIOUS: `1:${V1}` });
  assert.match(again, /rotated 0, already current 2/, 'a second run has nothing to do');

  const app = await startTestApp({ ...store.env, MASTER_KEY: V2, MASTER_KEY_VERSION: '2' });
  apps.push(app);
  const wraps = await rows(app, 'select wrapped_private_key as w from users');
  assert.ok(
    wraps.every((r) => String(r.w).startsWith('v2.')),
    JSON.stringify(wraps.map((r) => String(r.w).slice(0, 3))),
  );
  assert.equal(await snapshot(app), sealedBefore, 'notes, checklist and plan rows are byte for byte the same');
});

test('an app with only v2 (no previous keys) reads the old notes for both users', async () => {
  const app = apps[0]!;
  assert.equal(app.config.masterKeysPrevious, undefined);
  for (const u of [patient, doctor]) {
    const api = client(app.url, u.token);
    const res = await api.get(`/api/patients/${patient.id}/notes`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.notes.map((n: any) => n.content).sort(), [...NOTES].sort());
    const steps = await api.get(`/api/patients/${patient.id}/steps`);
    assert.equal(steps.status, 200);
    assert.equal(steps.body.plan[0].text, 'Apply clotrimazole cream');
  }
  // New users and notes work too, under v2.
  const ds = await connectSocket(app.url, doctor.token);
  try {
    const res = await client(app.url, doctor.token).post(`/api/patients/${patient.id}/notes`, {
      content: 'Buy a vortiplex spacer.',
    });
    assert.equal(res.status, 202);
    const ready = await ds.waitFor('steps:ready', (p) => p.noteId === res.body.note.id);
    assert.equal(ready.checklist[0].text, 'Buy a vortiplex spacer');
  } finally {
    ds.close();
  }
});

test('rotateUserKeys in small batches: v2 → v3, counts every user once', async () => {
  const app = apps[0]!;
  await createPatient(app.url, { doctor });
  const ring = parseKeyring(randomBytes(32).toString('base64'), 3, `2:${V2}`);
  assert.deepEqual(await rotateUserKeys(app.ctx.db, ring, { batchSize: 1 }), { rotated: 3, alreadyCurrent: 0 });
  assert.deepEqual(await rotateUserKeys(app.ctx.db, ring, { batchSize: 2 }), { rotated: 0, alreadyCurrent: 3 });
  const wraps = await rows(app, 'select wrapped_private_key as w from users');
  assert.ok(wraps.every((r) => String(r.w).startsWith('v3.')));
});
