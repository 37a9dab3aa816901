// The master keyring: parsing MASTER_KEY (and earlier versions), and rotating wraps to a new version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  generateMasterKey,
  generateUserKeyPair,
  kekFor,
  newDataKey,
  parseKeyring,
  rewrapPrivateKey,
  unwrapDataKey,
  unwrapPrivateKey,
  wrapDataKey,
  wrappedKeyVersion,
} from '../../src/crypto/index.js';
import { rejects } from '../helpers/cryptoTamper.js';

test('keyring parsing: accepts base64 and base64url, rejects bad lengths naming MASTER_KEY', () => {
  const raw = randomBytes(32);
  const r1 = parseKeyring(raw.toString('base64'), 3);
  const r2 = parseKeyring(raw.toString('base64url'), 3);
  assert.equal(r1.currentVersion, 3);
  assert.ok(r1.keys.get(3)!.equals(raw));
  assert.ok(r2.keys.get(3)!.equals(raw));
  assert.equal(Buffer.from(generateMasterKey(), 'base64').length, 32);

  for (const bad of [randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), '', 'not base64!']) {
    assert.throws(
      () => parseKeyring(bad, 1),
      (err: Error) => {
        assert.match(err.message, /MASTER_KEY/);
        if (bad !== '') assert.ok(!err.message.includes(bad), 'message must not echo the key');
        return true;
      },
    );
  }
  const good = generateMasterKey();
  assert.throws(() => parseKeyring(good, 2, `1:${randomBytes(31).toString('base64')}`), /MASTER_KEY/);
  assert.throws(() => parseKeyring(good, 2, 'nonsense'), /MASTER_KEY/);
  assert.throws(() => parseKeyring(good, 2, `2:${generateMasterKey()}`), /more than once/);
  assert.throws(() => parseKeyring(good, 0), /version/);

  const multi = parseKeyring(good, 3, ` 1:${generateMasterKey()}, 2:${generateMasterKey()} ,`);
  assert.deepEqual([...multi.keys.keys()].sort(), [1, 2, 3]);
  // Versions get distinct KEKs even if they shared a secret.
  const same = parseKeyring(good, 2, `1:${good}`);
  assert.ok(!kekFor(same, 1).equals(kekFor(same, 2)));
  assert.equal(kekFor(same, 2).length, 32);
});

test('rotation: v1 wrap re-wrapped under v2 keeps the same key pair', () => {
  const secret1 = generateMasterKey();
  const secret2 = generateMasterKey();
  const ringV1 = parseKeyring(secret1, 1);
  const pair = generateUserKeyPair(ringV1);
  assert.equal(wrappedKeyVersion(pair.wrappedPrivateKey), 1);
  const dek = newDataKey();
  const wctx = { noteId: 'n9', recipientId: 'u9' };
  const wrapBeforeRotation = wrapDataKey(dek, pair.publicKey, wctx);

  const ringBoth = parseKeyring(secret2, 2, `1:${secret1}`);
  const rewrapped = rewrapPrivateKey(ringBoth, pair.wrappedPrivateKey);
  assert.equal(wrappedKeyVersion(rewrapped), 2);
  assert.notEqual(rewrapped, pair.wrappedPrivateKey);
  // Already current: returned unchanged.
  assert.equal(rewrapPrivateKey(ringBoth, rewrapped), rewrapped);

  // Opens under a ring that only has v2; the unchanged public key still works.
  const ringV2 = parseKeyring(secret2, 2);
  const key = unwrapPrivateKey(ringV2, rewrapped);
  assert.ok(unwrapDataKey(wrapDataKey(dek, pair.publicKey, wctx), key, wctx).equals(dek));
  // A DEK wrapped before rotation still opens with the re-wrapped key.
  assert.ok(unwrapDataKey(wrapBeforeRotation, key, wctx).equals(dek));

  // The old v1 wrap fails under a ring that lacks v1, and so does rewrapping it.
  rejects(() => unwrapPrivateKey(ringV2, pair.wrappedPrivateKey));
  rejects(() => rewrapPrivateKey(ringV2, pair.wrappedPrivateKey));
  // Relabelling a v2 wrap as v1 doesn't open it (the version is bound via the KEK).
  rejects(() => unwrapPrivateKey(ringBoth, rewrapped.replace(/^v2\./, 'v1.')));
});
