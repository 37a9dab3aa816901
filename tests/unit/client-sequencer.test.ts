// The demo client's event ordering (client-demo/sequencer.js): live events are shown strictly in
// seq order, a gap stops the run without losing what came before it, a sync page is taken whole,
// and duplicates are dropped. The browser test covers the wiring; this covers the cases a browser
// meets only by chance (two transactions for one user committing close together), and a dose's
// events through the sequencer into the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyIncoming, resetHistory } from '../../client-demo/history.js';
import { createSequencer } from '../../client-demo/sequencer.js';
import { record, resetStore, store } from '../../client-demo/store.js';

const ev = (seq: number, eventId = `e${seq}`) => ({ payload: { seq, eventId } });
const seqs = (list: { payload: { seq: number } }[]) => list.map((e) => e.payload.seq);

test('live events in order are all shown, in seq order even when they arrive shuffled', () => {
  const s = createSequencer(4);
  assert.deepEqual(seqs(s.take([ev(6), ev(5), ev(7)], false).fresh), [5, 6, 7]);
  assert.equal(s.lastSeq, 7);
});

test('a gap in a live batch shows what came before it and reports the gap', () => {
  const s = createSequencer(10);
  // 11 and 13 were held while a sync ran; 12 is still in flight. 11 must be shown now: the next
  // sync asks only for what comes after lastSeq, so an 11 taken but not returned would be lost.
  const { fresh, gap } = s.take([ev(13), ev(11)], false);
  assert.deepEqual(seqs(fresh), [11]);
  assert.equal(gap, true);
  assert.equal(s.lastSeq, 11);
  // The sync that follows brings 12 and 13; both are new, nothing is shown twice.
  assert.deepEqual(seqs(s.take([ev(12), ev(13)], true).fresh), [12, 13]);
  assert.deepEqual(seqs(s.take([ev(13)], false).fresh), []);
});

test('a single live event past a gap is not shown and does not move lastSeq', () => {
  const s = createSequencer(3);
  const { fresh, gap } = s.take([ev(5)], false);
  assert.deepEqual(fresh, []);
  assert.equal(gap, true);
  assert.equal(s.lastSeq, 3);
});

test('a sync page is taken whole, from any starting point', () => {
  const s = createSequencer(0);
  const { fresh, gap } = s.take([ev(2), ev(9), ev(4)], true);
  assert.deepEqual(seqs(fresh), [2, 4, 9]);
  assert.equal(gap, false);
  assert.equal(s.lastSeq, 9);
});

test('duplicates are dropped: at or below lastSeq, or an eventId already seen', () => {
  const s = createSequencer(2);
  assert.deepEqual(seqs(s.take([ev(1), ev(2), ev(3)], false).fresh), [3]);
  assert.deepEqual(seqs(s.take([ev(3), ev(4, 'e3')], false).fresh), []);
  assert.equal(s.lastSeq, 3);
});

test('dose events through the sequencer and the record: a gap waits, the sync fills it, the dose ends taken once', () => {
  resetStore();
  resetHistory();
  store.user = { id: 'pt', name: 'Sam', email: 'sam@example.test', role: 'patient' };
  const dose = (status: string) => ({
    id: 'd1',
    planItemId: 'p1',
    seq: 1,
    text: 'take p1',
    dueAt: '2025-01-01T09:00:00.000Z',
    localDate: '2025-01-01',
    localTime: '09:00',
    windowEndsAt: null,
    status,
    attempts: 1,
    nudges: 0,
    takenAt: status === 'taken' ? '2025-01-01T09:02:00.000Z' : null,
    skipReason: null,
    snoozedUntil: null,
  });
  const due = { type: 'dose:due' as const, payload: { seq: 1, eventId: 'e1', at: '', dose: dose('due'), kind: 'due' } };
  const taken = {
    type: 'dose:taken' as const,
    payload: { seq: 2, eventId: 'e2', at: '', dose: dose('taken'), planItem: {} },
  };
  const s = createSequencer(0);
  // The take arrives live before the due it follows: it waits for the sync.
  assert.deepEqual(s.take([taken], false).fresh, []);
  const { fresh } = s.take([due, taken], true);
  const outcomes = applyIncoming(fresh as never);
  assert.deepEqual(
    outcomes.map((o) => o?.message),
    ['Time to take: take p1 (09:00).', 'You took: take p1 (09:00).'],
  );
  // The live copy of the take, delivered again after the sync, is a duplicate.
  assert.deepEqual(s.take([taken], false).fresh, []);
  assert.deepEqual(applyIncoming([taken] as never), [null]);
  assert.equal(record('pt').doses.get('d1')?.status, 'taken');
});
