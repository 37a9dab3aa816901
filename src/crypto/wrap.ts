// Wrapping a note's data key for one reader, ECIES-style: ephemeral X25519, HKDF, AES-256-GCM.
import { createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject } from 'node:crypto';
import { DecryptionError } from './errors.js';
import { b64url, checkDek, field, fromB64urlStrict, type GcmParts, gcmDecrypt, gcmEncrypt, KEY_BYTES } from './gcm.js';

const WRAP_PREFIX = 'x1';
const X25519_RAW_BYTES = 32;

export interface DataKeyWrapContext {
  noteId: string;
  recipientId: string;
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an X25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

// An X25519 SPKI DER is this fixed prefix followed by the 32-byte public key.
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

/** Through the JWK path when it can: ~8× cheaper than OpenSSL 3's SPKI decoder (0.013 vs 0.11 ms). */
function importPublicKey(spki: Buffer): KeyObject {
  if (
    spki.length === X25519_SPKI_PREFIX.length + X25519_RAW_BYTES &&
    spki.subarray(0, X25519_SPKI_PREFIX.length).equals(X25519_SPKI_PREFIX)
  ) {
    return createPublicKey({
      key: { kty: 'OKP', crv: 'X25519', x: b64url(spki.subarray(X25519_SPKI_PREFIX.length)) },
      format: 'jwk',
    });
  }
  return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}

/** HKDF binds the wrap key to this ephemeral key, this note and this reader. */
function wrapKey(shared: Buffer, ephemeralRaw: Buffer, ctx: DataKeyWrapContext): Buffer {
  // An all-zero secret means a low-order public key: refuse it (RFC 7748 §6.1).
  if (shared.every((b) => b === 0)) throw new Error('degenerate X25519 shared secret');
  const info = `carebeat/dek-wrap|${field(ctx.noteId, 'noteId')}|${field(ctx.recipientId, 'recipientId')}`;
  return Buffer.from(hkdfSync('sha256', shared, ephemeralRaw, info, KEY_BYTES));
}

/**
 * Wraps `dek` so that only the holder of the recipient's private key can open it.
 * Output: `x1.<ephemeralPub>.<iv>.<tag>.<ct>` (base64url segments).
 */
export function wrapDataKey(dek: Buffer, recipientPublicKeyB64: string, ctx: DataKeyWrapContext): string {
  checkDek(dek);
  const recipient = importPublicKey(Buffer.from(recipientPublicKeyB64, 'base64'));
  if (recipient.asymmetricKeyType !== 'x25519') throw new Error('recipient public key must be X25519');
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawPublicKey(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
  const { iv, tag, ct } = gcmEncrypt(wrapKey(shared, ephRaw, ctx), dek, Buffer.from(WRAP_PREFIX));
  return [WRAP_PREFIX, b64url(ephRaw), b64url(iv), b64url(tag), b64url(ct)].join('.');
}

/** Unwraps with the reader's own private key; any other key, or any edit, is a DecryptionError. */
export function unwrapDataKey(wrapped: string, recipientPrivateKey: KeyObject, ctx: DataKeyWrapContext): Buffer {
  try {
    const segments = typeof wrapped === 'string' ? wrapped.split('.') : [];
    if (segments.length !== 5 || segments[0] !== WRAP_PREFIX) throw new DecryptionError();
    const [, ephB64, ivB64, tagB64, ctB64] = segments;
    const ephRaw = fromB64urlStrict(ephB64);
    if (ephRaw.length !== X25519_RAW_BYTES) throw new DecryptionError();
    const eph = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephB64 }, format: 'jwk' });
    const shared = diffieHellman({ privateKey: recipientPrivateKey, publicKey: eph });
    const parts: GcmParts = { iv: fromB64urlStrict(ivB64), tag: fromB64urlStrict(tagB64), ct: fromB64urlStrict(ctB64) };
    const dek = gcmDecrypt(wrapKey(shared, ephRaw, ctx), parts, Buffer.from(WRAP_PREFIX));
    if (dek.length !== KEY_BYTES) throw new DecryptionError();
    return dek;
  } catch {
    // Collapse every cause (bad key type, malformed input, auth failure) into one error.
    throw new DecryptionError();
  }
}
