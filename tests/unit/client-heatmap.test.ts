// The heatmap's rule for a cell (client-demo/views/heatmap.js): the worst outcome of the day's
// doses, "upcoming" while a dose is still to come and nothing went wrong, "none" without a dose.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outcomeOf } from '../../client-demo/views/heatmap.js';

const day = (c: Partial<Record<'due' | 'taken' | 'late' | 'skipped' | 'missed', number>>) => ({
  due: 0,
  taken: 0,
  late: 0,
  skipped: 0,
  missed: 0,
  ...c,
});

test('outcomeOf: worst of the day, upcoming while open, none without a dose', () => {
  assert.equal(outcomeOf(day({}), 0), 'none');
  assert.equal(outcomeOf(day({}), 1), 'upcoming');
  assert.equal(outcomeOf(day({ due: 1 }), 0), 'upcoming', 'due, window still open');
  assert.equal(outcomeOf(day({ due: 1, taken: 1 }), 0), 'taken');
  assert.equal(outcomeOf(day({ due: 2, taken: 1 }), 1), 'upcoming', 'one taken, one still to come');
  assert.equal(outcomeOf(day({ due: 2, taken: 1, late: 1 }), 0), 'late');
  assert.equal(outcomeOf(day({ due: 2, taken: 1, skipped: 1 }), 0), 'skipped');
  assert.equal(outcomeOf(day({ due: 3, taken: 1, skipped: 1, missed: 1 }), 1), 'missed', 'a miss shows first');
});
