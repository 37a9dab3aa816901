// The demo client's messages (client-demo/messages.js): a thread folds together from events in
// any order. A timeline page read newest first brings a receipt before its message; a message
// that came live and again in a page is one message; a late duplicate never un-reads it.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPage, applyIncoming, resetHistory } from '../../client-demo/history.js';
import { messagesOf } from '../../client-demo/messages.js';
import { resetStore, store } from '../../client-demo/store.js';

const PATIENT = 'patient-1';
const DOCTOR = 'doctor-1';
let seq = 0;
const ev = (type: string, data: Record<string, unknown>) => {
  seq += 1;
  const at = new Date(Date.UTC(2025, 0, 1, 8, 0, seq)).toISOString();
  return { type: type as never, payload: { eventId: `e${seq}`, seq, at, ...data } };
};
const message = (id: string, authorId: string) => ({
  id,
  patientId: PATIENT,
  doctorId: DOCTOR,
  authorId,
  text: `text ${id}`,
  createdAt: new Date(Date.UTC(2025, 0, 1, 8, 0, seq)).toISOString(),
  readAt: null,
});
const receipt = (ids: string[], readerId: string) => ({
  patientId: PATIENT,
  doctorId: DOCTOR,
  readerId,
  messageIds: ids,
  readAt: '2025-01-01T09:00:00.000Z',
});

beforeEach(() => {
  resetStore();
  resetHistory();
  store.user = { id: DOCTOR, name: 'Dr', role: 'doctor' } as never;
});

test('a receipt read before its message (a page newest first) still marks it read', () => {
  const sent = ev('message:new', { message: message('m1', PATIENT) });
  const read = ev('message:read', receipt(['m1'], DOCTOR));
  addPage(PATIENT, [read]);
  addPage(PATIENT, [sent]);
  const m = messagesOf(PATIENT).get('m1');
  assert.equal(m?.text, 'text m1');
  assert.equal(m?.readAt, '2025-01-01T09:00:00.000Z');
});

test('live, then again in a page: one message, still read; news only for the other side', () => {
  const sent = ev('message:new', { message: message('m2', PATIENT) });
  const [outcome] = applyIncoming([sent]);
  assert.match(String(outcome?.message), /New message/);
  applyIncoming([ev('message:read', receipt(['m2'], DOCTOR))]);
  addPage(PATIENT, [sent]);
  assert.equal(messagesOf(PATIENT).size, 1);
  assert.equal(messagesOf(PATIENT).get('m2')?.readAt, '2025-01-01T09:00:00.000Z');
  const [own] = applyIncoming([ev('message:new', { message: message('m3', DOCTOR) })]);
  assert.equal(own?.message, undefined, 'one’s own message is not news');
});
