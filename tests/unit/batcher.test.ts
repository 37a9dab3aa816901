// createBatcher (src/workers/batcher.ts), which reminder delivery stands on: jobs that arrive in one
// turn of the event loop share one call, a full batch goes at once, each caller gets its own
// result, and a failed batch fails each of its callers (bee-queue then retries each job).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBatcher } from '../../src/workers/batcher.js';

test('items of one turn share a call, split at max, each caller gets its own result', async () => {
  const calls: number[][] = [];
  const double = createBatcher(async (items: number[]) => {
    calls.push(items);
    return items.map((n) => n * 2);
  }, 3);
  const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(double));
  assert.deepEqual(results, [2, 4, 6, 8, 10, 12, 14]);
  assert.deepEqual(calls, [[1, 2, 3], [4, 5, 6], [7]]);
});

test('items of a later turn go in a new call', async () => {
  const calls: string[][] = [];
  const echo = createBatcher(async (items: string[]) => {
    calls.push(items);
    return items;
  }, 10);
  const first = Promise.all(['a', 'b'].map(echo));
  await new Promise((r) => setImmediate(r));
  await Promise.all([first, echo('c')]);
  assert.deepEqual(calls, [['a', 'b'], ['c']]);
});

test('a failed batch rejects each of its callers, and the next batch runs normally', async () => {
  let fail = true;
  const run = createBatcher(async (items: number[]) => {
    if (fail) throw new Error('deadlock detected');
    return items;
  }, 10);
  const settled = await Promise.allSettled([1, 2].map(run));
  assert.deepEqual(
    settled.map((s) => s.status),
    ['rejected', 'rejected'],
  );
  fail = false;
  assert.deepEqual(await Promise.all([3, 4].map(run)), [3, 4]);
});
