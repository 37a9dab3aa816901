// Chat-style read receipts: the patient's device acknowledges what it has shown (`ack`
// {uptoSeq}); once that covers a note's `note:new`, the doctor hears `note:seen` and the notes
// list shows seenAt.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { notes } from '../../src/db/schema.js';
import type { TestApp } from '../helpers/app.js';
import type { TestUser } from '../helpers/factories.js';
import type { TestSocket } from '../helpers/sockets.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';

let team: CareTeam;
let app: TestApp;
let doctor: TestUser, patient: TestUser;
let ds: TestSocket, ps: TestSocket;

before(async () => {
  team = await buildCareTeam();
  ({ app, doctor, patient, ds, ps } = team);
});
after(async () => {
  await team?.stop();
});

async function submit(content: string): Promise<{ id: string; patientSeq: number; doctorSeq: number }> {
  const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content });
  assert.equal(res.status, 202);
  const id = res.body.note.id;
  const seen = await ps.waitFor('note:new', (p) => p.note.id === id);
  const own = await ds.waitFor('note:new', (p) => p.note.id === id);
  return { id, patientSeq: seen.seq, doctorSeq: own.seq };
}
const seenAtOf = async (id: string) =>
  (await app.ctx.db.select({ seenAt: notes.seenAt }).from(notes).where(eq(notes.id, id)))[0]!.seenAt;
const doctorOutboxSeen = async () =>
  (await ds.request('sync', { afterSeq: 0 })).events
    .filter((e: any) => e.type === 'note:seen')
    .map((e: any) => e.payload.noteId);

let first: { id: string; patientSeq: number; doctorSeq: number };

test('an ack below the note:new changes nothing', async () => {
  first = await submit('Take nitrofurantoin 100mg once daily for 3 days.');
  assert.deepEqual(await ps.request('ack', { uptoSeq: first.patientSeq - 1 }), { ok: true });
  assert.equal(await seenAtOf(first.id), null);
  assert.deepEqual(await doctorOutboxSeen(), []);
  const list = await doctor.api.get(`/api/patients/${patient.id}/notes`);
  assert.equal(list.body.notes.find((n: any) => n.id === first.id).seenAt, null);
});

test('an ack covering the note:new → note:seen to the doctor, seenAt in the notes list', async () => {
  const before = Date.now();
  assert.deepEqual(await ps.request('ack', { uptoSeq: first.patientSeq }), { ok: true });
  const ev = await ds.waitFor('note:seen', (p) => p.noteId === first.id);
  assert.equal(ev.patientId, patient.id);
  assert.ok(Date.parse(ev.seenAt) >= before - 1000 && Date.parse(ev.seenAt) <= Date.now() + 1000, ev.seenAt);
  for (const reader of [doctor, patient]) {
    const list = await reader.api.get(`/api/patients/${patient.id}/notes`);
    assert.equal(list.body.notes.find((n: any) => n.id === first.id).seenAt, ev.seenAt);
  }
  // Acking the same range again (another device, a reconnect) does not repeat the receipt.
  assert.deepEqual(await ps.request('ack', { uptoSeq: first.patientSeq }), { ok: true });
  assert.deepEqual(await doctorOutboxSeen(), [first.id]);
  assert.ok(!ps.events.some((e) => e.type === 'note:seen'), 'the patient does not get note:seen');
});

test("the doctor's own ack does not mark a note seen", async () => {
  const second = await submit('Buy a thermoquartz humidifier.');
  assert.deepEqual(await ds.request('ack', { uptoSeq: second.doctorSeq + 100 }), { ok: true });
  assert.equal(await seenAtOf(second.id), null);
  assert.deepEqual(await doctorOutboxSeen(), [first.id]);
  // Then the patient's device shows everything up to the latest event: only the new note is seen.
  const latest = Math.max(...ps.events.map((e) => e.payload.seq));
  assert.deepEqual(await ps.request('ack', { uptoSeq: latest }), { ok: true });
  await ds.waitFor('note:seen', (p) => p.noteId === second.id);
  assert.deepEqual(await doctorOutboxSeen(), [first.id, second.id]);
});

test('invalid ack payloads → VALIDATION_FAILED', async () => {
  for (const data of [
    {},
    { uptoSeq: -1 },
    { uptoSeq: '3' },
    { uptoSeq: 1.5 },
    { uptoSeq: 1, extra: true },
    null,
    'x',
  ]) {
    const res = await ps.request('ack', data);
    assert.equal(res.ok, false, JSON.stringify(data));
    assert.equal(res.error.code, 'VALIDATION_FAILED');
  }
});
