import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupBy } from '../../src/groupBy.js';

test('groupBy keeps each group in input order and every key once', () => {
  const groups = groupBy(
    [
      { u: 'a', n: 1 },
      { u: 'b', n: 2 },
      { u: 'a', n: 3 },
    ],
    (x) => x.u,
  );
  assert.deepEqual([...groups.keys()], ['a', 'b']);
  assert.deepEqual(
    groups.get('a')!.map((x) => x.n),
    [1, 3],
  );
  assert.deepEqual(
    groups.get('b')!.map((x) => x.n),
    [2],
  );
  assert.equal(groupBy([], (x) => x).size, 0);
});
