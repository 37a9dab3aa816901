// The audit trail: who wrote, read, decrypted (for extraction), corrected and cancelled what,
// chained by hash so that an edited or deleted row is detected. A database of its own, so the
// chain holds this file's rows only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, eq } from 'drizzle-orm';
import { auditAll, auditOnce, verifyAuditLog } from '../../src/audit/log.js';
import { auditHead, auditLog } from '../../src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';
import { stepsOf } from '../helpers/steps.js';

let store: FreshStore;
let app: TestApp;
let doctor: TestUser, patient: TestUser;
let ds: TestSocket;

before(async () => {
  store = await freshStore('audit');
  app = await startTestApp(store.env);
  doctor = await createDoctor(app.url);
  patient = await createPatient(app.url, { doctor });
  ds = await connectSocket(app.url, doctor.token);
});
after(async () => {
  ds?.close();
  await app?.stop();
  await store?.drop();
});

const chain = () => app.ctx.db.select().from(auditLog).orderBy(asc(auditLog.id));

async function writeNote(content: string): Promise<string> {
  const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content });
  assert.equal(res.status, 202);
  await ds.waitFor('steps:ready', (p) => p.noteId === res.body.note.id);
  return res.body.note.id;
}

test('write, read, decryption for extraction, correction and cancellation each append a row', async () => {
  const start = (await chain()).map((r) => [r.actorId, r.action, r.subject]);
  assert.deepEqual(start, [[patient.id, 'assignment.change', `patient:${patient.id}`]], 'a fresh trail: the choice');
  const n1 = await writeNote('Take nitrofurantoin 100mg twice daily for 3 days. Buy a thermometer.');
  assert.equal((await patient.api.get(`/api/patients/${patient.id}/notes`)).status, 200);
  const corrected = await doctor.api.put(
    `/api/notes/${n1}/steps`,
    stepsOf({ plan: [{ text: 'Take nitrofurantoin 50mg', frequencyPerDay: 1, durationDays: 3 }] }),
  );
  assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
  const n2 = await writeNote('Apply clotrimazole cream once daily for 5 days.');

  const rows = await chain();
  // Live deliveries with text (events.live) interleave with these as the workers run: they have
  // their own test (tests/security/audit-reads.test.ts); here, the writes, reads and decryptions.
  const got = rows.filter((r) => r.action !== 'events.live').map((r) => [r.actorId, r.action, r.subject]);
  assert.ok(
    rows.some((r) => r.action === 'events.live' && r.actorId === patient.id),
    'the live note is on it',
  );
  assert.deepEqual(got, [
    [patient.id, 'assignment.change', `patient:${patient.id}`],
    [doctor.id, 'note.write', `note:${n1}`],
    [null, 'note.decrypt_for_extraction', `note:${n1}`],
    [patient.id, 'note.read', `patient:${patient.id}/notes`],
    [doctor.id, 'steps.correct', `note:${n1}`],
    [doctor.id, 'note.write', `note:${n2}`],
    [null, 'note.decrypt_for_extraction', `note:${n2}`],
    // n2's plan is read against the allergies n1 records (src/steps/checkRecordedAllergies.ts).
    [null, 'notes.read_for_extraction', `patient:${patient.id}/notes`],
    [doctor.id, 'plan.cancel', `note:${n1}`],
  ]);
  for (const [i, r] of rows.entries()) {
    assert.match(r.hash, /^[0-9a-f]{64}$/);
    assert.equal(r.prevHash, i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash);
    assert.ok(r.at instanceof Date && Math.abs(r.at.getTime() - Date.now()) < 60_000);
  }
  assert.deepEqual(await verifyAuditLog(app.ctx.db), { ok: true, rows: rows.length });
  // The trail names ids and actions, never what the note said.
  assert.ok(!JSON.stringify(rows).includes('nitrofurantoin'));
});

test('concurrent appenders each chain onto the one before: no fork, no gap', async () => {
  const before = (await chain()).length;
  await Promise.all(
    Array.from({ length: 24 }, (_, i) =>
      auditOnce(app.ctx.db, doctor.id, 'note.read', `patient:${patient.id}/notes#${i}`),
    ),
  );
  const rows = await chain();
  assert.equal(rows.length, before + 24);
  assert.equal(new Set(rows.map((r) => r.prevHash)).size, rows.length, 'no two rows share a previous hash');
  assert.deepEqual(await verifyAuditLog(app.ctx.db), { ok: true, rows: rows.length });
});

test('batches of entries (a sweep’s live reads) chain in order beside single appenders: no fork', async () => {
  const had = (await chain()).length;
  const batch = (k: number) =>
    app.ctx.db.transaction((tx) =>
      auditAll(
        tx,
        Array.from({ length: 5 }, (_, i) => ({
          actorId: patient.id,
          action: 'events.live' as const,
          subject: `b${k}/${i}`,
        })),
      ),
    );
  await Promise.all([
    batch(1),
    auditOnce(app.ctx.db, doctor.id, 'note.read', 'single/1'),
    batch(2),
    auditOnce(app.ctx.db, doctor.id, 'note.read', 'single/2'),
    batch(3),
  ]);
  const rows = await chain();
  assert.equal(rows.length, had + 17);
  assert.equal(new Set(rows.map((r) => r.prevHash)).size, rows.length, 'no two rows share a previous hash');
  // A batch's entries are consecutive and in their order.
  const subjects = rows.slice(had).map((r) => r.subject);
  for (const k of [1, 2, 3]) {
    const at = subjects.indexOf(`b${k}/0`);
    assert.deepEqual(
      subjects.slice(at, at + 5),
      [0, 1, 2, 3, 4].map((i) => `b${k}/${i}`),
    );
  }
  assert.deepEqual(await verifyAuditLog(app.ctx.db), { ok: true, rows: rows.length });
});

test('concurrent note writes and their extractions chain every entry once: no fork, no deadlock', async () => {
  // A note's audit entry is written by its outbox statement, the extraction's by its claim; all of
  // them move one head row while the doctor's event cursor is locked too.
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      doctor.api.post(`/api/patients/${patient.id}/notes`, { content: `Take vitamin D once daily for ${i + 2} days.` }),
    ),
  );
  for (const r of results) assert.equal(r.status, 202, JSON.stringify(r.body));
  const ids = results.map((r) => r.body.note.id as string);
  await Promise.all(ids.map((id) => ds.waitFor('steps:ready', (p) => p.noteId === id)));
  const rows = await chain();
  for (const action of ['note.write', 'note.decrypt_for_extraction'] as const) {
    const subjects = rows.filter((r) => r.action === action).map((r) => r.subject);
    for (const id of ids)
      assert.equal(subjects.filter((x) => x === `note:${id}`).length, 1, `${action} of note ${id} once`);
  }
  assert.equal(new Set(rows.map((r) => r.prevHash)).size, rows.length, 'no two rows share a previous hash');
  assert.deepEqual(await verifyAuditLog(app.ctx.db), { ok: true, rows: rows.length });
});

test('an edited row breaks the chain at that row', async () => {
  const rows = await chain();
  const victim = rows[2]!;
  await app.ctx.db
    .update(auditLog)
    .set({ subject: `patient:${doctor.id}/notes` })
    .where(eq(auditLog.id, victim.id));
  try {
    const verdict = await verifyAuditLog(app.ctx.db);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.brokenAtId, victim.id);
    assert.match(verdict.reason!, /does not match its hash/);
  } finally {
    await app.ctx.db.update(auditLog).set({ subject: victim.subject }).where(eq(auditLog.id, victim.id));
  }
  assert.equal((await verifyAuditLog(app.ctx.db)).ok, true, 'restored');

  // Every hashed column counts: back-dating a row by a millisecond breaks it too.
  const at = new Date(victim.at.getTime() - 1);
  await app.ctx.db.update(auditLog).set({ at }).where(eq(auditLog.id, victim.id));
  try {
    const verdict = await verifyAuditLog(app.ctx.db);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.brokenAtId, victim.id);
  } finally {
    await app.ctx.db.update(auditLog).set({ at: victim.at }).where(eq(auditLog.id, victim.id));
  }
});

test('a deleted newest row leaves the chain short of its head', async () => {
  const rows = await chain();
  const newest = rows[rows.length - 1]!;
  await app.ctx.db.delete(auditLog).where(eq(auditLog.id, newest.id));
  try {
    const verdict = await verifyAuditLog(app.ctx.db);
    assert.equal(verdict.ok, false);
    assert.match(verdict.reason!, /newest entries missing/);
  } finally {
    await app.ctx.db.insert(auditLog).values(newest);
  }
  assert.equal((await verifyAuditLog(app.ctx.db)).ok, true, 'restored');
});

test('a deleted head row is reported: entries are chained through it', async () => {
  const [head] = await app.ctx.db.select().from(auditHead).where(eq(auditHead.id, 1));
  await app.ctx.db.delete(auditHead).where(eq(auditHead.id, 1));
  try {
    const verdict = await verifyAuditLog(app.ctx.db);
    assert.equal(verdict.ok, false);
    assert.match(verdict.reason!, /audit head missing/);
  } finally {
    await app.ctx.db.insert(auditHead).values(head!);
  }
  assert.equal((await verifyAuditLog(app.ctx.db)).ok, true, 'restored');
});

test('a deleted middle row breaks the chain at the row after it', async () => {
  const rows = await chain();
  await app.ctx.db.delete(auditLog).where(eq(auditLog.id, rows[3]!.id));
  const verdict = await verifyAuditLog(app.ctx.db);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.brokenAtId, rows[4]!.id);
  assert.match(verdict.reason!, /chain broken/);
  assert.equal(verdict.rows, rows.length - 1);
});
