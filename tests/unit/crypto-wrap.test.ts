// Key wrapping: a note's data key wrapped for each recipient (X25519), and each user's private key
// wrapped under the master key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import {
  generateMasterKey,
  generateUserKeyPair,
  newDataKey,
  parseKeyring,
  unwrapDataKey,
  unwrapPrivateKey,
  wrapDataKey,
  wrappedKeyVersion,
} from '../../src/crypto/index.js';
import { flipSegment, rejects } from '../helpers/cryptoTamper.js';

const ring = parseKeyring(generateMasterKey(), 1);

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
