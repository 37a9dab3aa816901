// The verified-token memory of an HTTP process (src/auth/verifiedTokens.ts): a verification is
// remembered for the window and never past the token's expiry; when full, the oldest check goes
// (never the whole memory, which would send every signed-in user back to the provider at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VerifiedTokens } from '../../src/auth/verifiedTokens.js';

const token = (uid: string, expiresAt = 10_000_000) => ({ uid, role: 'patient' as const, expiresAt });

test('when full, the oldest check is forgotten, and only it', () => {
  const memory = new VerifiedTokens(30_000, 2);
  memory.remember('a', token('ua'), 1_000);
  memory.remember('b', token('ub'), 2_000);
  memory.remember('c', token('uc'), 3_000);
  assert.equal(memory.get('a', 3_001), undefined);
  assert.equal(memory.get('b', 3_001)?.uid, 'ub');
  assert.equal(memory.get('c', 3_001)?.uid, 'uc');
});

test('a token checked again counts as the newest', () => {
  const memory = new VerifiedTokens(30_000, 2);
  memory.remember('a', token('ua'), 1_000);
  memory.remember('b', token('ub'), 2_000);
  memory.remember('a', token('ua'), 3_000);
  memory.remember('c', token('uc'), 4_000);
  assert.deepEqual(
    ['a', 'b', 'c'].map((t) => memory.get(t, 4_001)?.uid ?? null),
    ['ua', null, 'uc'],
  );
});

test('never past the window or the token’s expiry; a logout forgets the user’s tokens', () => {
  const memory = new VerifiedTokens(30_000, 10);
  memory.remember('a', token('ua'), 1_000);
  memory.remember('b', token('ub', 5_000), 1_000);
  memory.remember('c', token('uc'), 1_000);
  memory.remember('c2', token('uc'), 1_000);
  assert.equal(memory.get('a', 30_999)?.uid, 'ua');
  assert.equal(memory.get('a', 31_000), undefined, 'the window is over: ask again');
  assert.equal(memory.get('b', 5_000), undefined, 'expired');
  memory.forgetUser('uc');
  assert.deepEqual([memory.get('c', 2_000), memory.get('c2', 2_000)], [undefined, undefined]);
});
