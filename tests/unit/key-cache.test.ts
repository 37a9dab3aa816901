// The unwrapped-key cache forgets the least recently used entry, one at a time, never all at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyCache } from '../../src/sealed/keyCache.js';

test('at capacity the least recently used key goes, and only it', () => {
  const cache = new KeyCache<number>(3);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3);
  assert.equal(cache.get('a'), 1); // a is now the most recent; b the least
  cache.set('d', 4);
  assert.equal(cache.size, 3);
  assert.equal(cache.get('b'), undefined);
  assert.deepEqual(
    ['a', 'c', 'd'].map((k) => cache.get(k)),
    [1, 3, 4],
  );
});

test('setting a key again replaces it without growing', () => {
  const cache = new KeyCache<string>(2);
  cache.set('a', 'old');
  cache.set('a', 'new');
  cache.set('b', 'b');
  assert.equal(cache.size, 2);
  assert.equal(cache.get('a'), 'new');
});
