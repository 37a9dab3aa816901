import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  DecryptionError,
  generateMasterKey,
  generateUserKeyPair,
  kekFor,
  newDataKey,
  open,
  parseKeyring,
  rewrapPrivateKey,
  seal,
  unwrapDataKey,
  unwrapPrivateKey,
  wrapDataKey,
  wrappedKeyVersion,
  type Sealed,
} from '../../src/crypto/index.js';

const ring = parseKeyring(generateMasterKey(), 1);
const ctx = { noteId: 'note-1', patientId: 'patient-1', purpose: 'note' };

/** Flips one bit of one byte of a base64 (or base64url) value and re-encodes it canonically. */
function flipB64(value: string, enc: 'base64' | 'base64url', index = 0): string {
  const buf = Buffer.from(value, enc);
  buf[index % buf.length] ^= 0x01;
  return buf.toString(enc);
}

/** Flips a byte inside segment `seg` of a dotted wrapped string. */
function flipSegment(wrapped: string, seg: number): string {
  const parts = wrapped.split('.');
  parts[seg] = flipB64(parts[seg], 'base64url', 3);
  return parts.join('.');
}

function rejects(fn: () => unknown): void {
  let result: unknown;
  assert.throws(() => {
    result = fn();
  }, DecryptionError);
  assert.equal(result, undefined, 'must never return a value');
}

test('seal/open round trip, unicode and empty text, fresh IV each time', () => {
  const dek = newDataKey();
  assert.equal(dek.length, 32);
  for (const text of ['Take amoxicillin 500mg twice daily for 7 days', 'ünïcødé 💊', '']) {
    const sealed = seal(dek, text, ctx);
    assert.equal(open(dek, sealed, ctx), text);
  }
  const a = seal(dek, 'same', ctx);
  const b = seal(dek, 'same', ctx);
  assert.notEqual(a.iv, b.iv);
  assert.notEqual(a.ciphertext, b.ciphertext);
  assert.equal(Buffer.from(a.iv, 'base64').length, 12);
  assert.ok(!a.ciphertext.includes('same'));
});

test('open rejects a wrong key', () => {
  const sealed = seal(newDataKey(), 'secret', ctx);
  rejects(() => open(newDataKey(), sealed, ctx));
  rejects(() => open(Buffer.alloc(16), sealed, ctx));
});

test('flipping a byte of ciphertext, iv or tag throws DecryptionError', () => {
  const dek = newDataKey();
  const sealed = seal(dek, 'some clinical note text', ctx);
  for (const field of ['ciphertext', 'iv', 'tag'] as const) {
    for (const i of [0, 5, 11]) {
      const tampered: Sealed = { ...sealed, [field]: flipB64(sealed[field], 'base64', i) };
      rejects(() => open(dek, tampered, ctx));
    }
  }
  // Truncated tag (Node would accept short tags by default) and junk encodings.
  rejects(() =>
    open(dek, { ...sealed, tag: Buffer.from(sealed.tag, 'base64').subarray(0, 8).toString('base64') }, ctx),
  );
  rejects(() => open(dek, { ...sealed, ciphertext: `${sealed.ciphertext}!!` }, ctx));
  rejects(() => open(dek, { ...sealed, ciphertext: sealed.ciphertext.slice(0, -4) }, ctx));
});

test('wrong AAD context (noteId, patientId, purpose) rejects', () => {
  const dek = newDataKey();
  const sealed = seal(dek, 'text', ctx);
  rejects(() => open(dek, sealed, { ...ctx, noteId: 'note-2' }));
  rejects(() => open(dek, sealed, { ...ctx, patientId: 'patient-2' }));
  rejects(() => open(dek, sealed, { ...ctx, purpose: 'checklist:item-1' }));
  // Field separator can't be smuggled in to forge a different context.
  assert.throws(() => seal(dek, 'x', { ...ctx, noteId: 'a|b' }), /without '\|'/);
  rejects(() => open(dek, sealed, { ...ctx, noteId: 'a|b' }));
});

test('data key wrap round trip for doctor and patient; cross-wrap rejects', () => {
  const doctor = generateUserKeyPair(ring);
  const patient = generateUserKeyPair(ring);
  const doctorKey = unwrapPrivateKey(ring, doctor.wrappedPrivateKey);
  const patientKey = unwrapPrivateKey(ring, patient.wrappedPrivateKey);
  const dek = newDataKey();

  const forDoctor = wrapDataKey(dek, doctor.publicKey, { noteId: 'n1', recipientId: 'doc' });
  const forPatient = wrapDataKey(dek, patient.publicKey, { noteId: 'n1', recipientId: 'pat' });
  assert.match(forDoctor, /^x1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.ok(unwrapDataKey(forDoctor, doctorKey, { noteId: 'n1', recipientId: 'doc' }).equals(dek));
  assert.ok(unwrapDataKey(forPatient, patientKey, { noteId: 'n1', recipientId: 'pat' }).equals(dek));

  // Each wrap opens only with its own recipient's private key.
  rejects(() => unwrapDataKey(forDoctor, patientKey, { noteId: 'n1', recipientId: 'doc' }));
  rejects(() => unwrapDataKey(forDoctor, patientKey, { noteId: 'n1', recipientId: 'pat' }));
  rejects(() => unwrapDataKey(forPatient, doctorKey, { noteId: 'n1', recipientId: 'pat' }));
  rejects(() => unwrapDataKey(forPatient, doctorKey, { noteId: 'n1', recipientId: 'doc' }));
  // Bound to the note and recipient ids.
  rejects(() => unwrapDataKey(forDoctor, doctorKey, { noteId: 'n2', recipientId: 'doc' }));
  rejects(() => unwrapDataKey(forDoctor, doctorKey, { noteId: 'n1', recipientId: 'pat' }));
});

test('wrapping for a public key that is not X25519 is refused (Ed25519 has the same SPKI length)', () => {
  const dek = newDataKey();
  const others = [
    generateKeyPairSync('ed25519'),
    generateKeyPairSync('x448'),
    generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  ];
  for (const { publicKey } of others) {
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    assert.throws(() => wrapDataKey(dek, spki, { noteId: 'n1', recipientId: 'r' }), /X25519/);
  }
});

test('flipping a byte of any wrapped-DEK segment throws DecryptionError', () => {
  const user = generateUserKeyPair(ring);
  const key = unwrapPrivateKey(ring, user.wrappedPrivateKey);
  const wctx = { noteId: 'n1', recipientId: 'u1' };
  const wrapped = wrapDataKey(newDataKey(), user.publicKey, wctx);
  for (const seg of [1, 2, 3, 4]) rejects(() => unwrapDataKey(flipSegment(wrapped, seg), key, wctx));
  rejects(() => unwrapDataKey(wrapped.replace(/^x1/, 'x2'), key, wctx));
  rejects(() => unwrapDataKey(wrapped.split('.').slice(0, 4).join('.'), key, wctx));
  rejects(() => unwrapDataKey('', key, wctx));
  // Non-canonical edit of the last character (spare bits) is rejected too.
  const last = wrapped.slice(-1);
  rejects(() => unwrapDataKey(wrapped.slice(0, -1) + (last === 'A' ? 'B' : 'A'), key, wctx));
});

test('user key pair: public key is SPKI DER, wrapped format, round trip', () => {
  const pair = generateUserKeyPair(ring);
  assert.equal(Buffer.from(pair.publicKey, 'base64').length, 44); // X25519 SPKI DER
  assert.match(pair.wrappedPrivateKey, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.equal(wrappedKeyVersion(pair.wrappedPrivateKey), 1);
  const key = unwrapPrivateKey(ring, pair.wrappedPrivateKey);
  assert.equal(key.type, 'private');
  assert.equal(key.asymmetricKeyType, 'x25519');
});

test('flipping a byte of the wrapped private key throws DecryptionError', () => {
  const { wrappedPrivateKey } = generateUserKeyPair(ring);
  for (const seg of [1, 2, 3]) rejects(() => unwrapPrivateKey(ring, flipSegment(wrappedPrivateKey, seg)));
  rejects(() => unwrapPrivateKey(ring, wrappedPrivateKey.replace(/^v1\./, 'v01.')));
  rejects(() => unwrapPrivateKey(ring, 'garbage'));
  // Under another master key entirely.
  rejects(() => unwrapPrivateKey(parseKeyring(generateMasterKey(), 1), wrappedPrivateKey));
});

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
