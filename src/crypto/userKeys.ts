import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { b64url, fromB64urlStrict, gcmDecrypt, gcmEncrypt } from './gcm.js';
import { DecryptionError } from './errors.js';
import { kekFor, type MasterKeyring } from './keyring.js';

/*
 * Per-user X25519 key pairs (DESIGN §6). The public key is stored in the clear;
 * the private key is stored wrapped under the KEK of the current master key
 * version. The version travels in the wrapped string so rotation can find the
 * right KEK, and is also bound cryptographically because it is part of the
 * KEK's HKDF info: editing the prefix makes the wrap fail to open.
 */

const USER_KEY_AAD = Buffer.from('carebeat/user-key', 'utf8');

export interface UserKeyPair {
  publicKey: string;
  wrappedPrivateKey: string;
}

function wrapPkcs8(ring: MasterKeyring, pkcs8: Buffer): string {
  const version = ring.currentVersion;
  const { iv, tag, ct } = gcmEncrypt(kekFor(ring, version), pkcs8, USER_KEY_AAD);
  return `v${version}.${b64url(iv)}.${b64url(tag)}.${b64url(ct)}`;
}

interface ParsedWrap {
  version: number;
  iv: string;
  tag: string;
  ct: string;
}

function parseWrap(wrapped: string): ParsedWrap {
  const segments = typeof wrapped === 'string' ? wrapped.split('.') : [];
  if (segments.length !== 4) throw new DecryptionError();
  const [prefix, iv, tag, ct] = segments;
  // No leading zeros, so each version has exactly one spelling.
  const match = /^v([1-9]\d{0,8})$/.exec(prefix);
  if (!match) throw new DecryptionError();
  return { version: Number(match[1]), iv, tag, ct };
}

/** Makes a key pair for a new user: SPKI DER (base64) + wrapped PKCS8 DER. */
export function generateUserKeyPair(ring: MasterKeyring): UserKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  try {
    return { publicKey: spki.toString('base64'), wrappedPrivateKey: wrapPkcs8(ring, pkcs8) };
  } finally {
    pkcs8.fill(0); // best effort: don't leave the raw private key lying in this buffer
  }
}

/** The master key version a wrapped private key was made under. */
export function wrappedKeyVersion(wrapped: string): number {
  return parseWrap(wrapped).version;
}

/** Opens a wrapped private key. Unknown version, malformed input or any edit: DecryptionError. */
export function unwrapPrivateKey(ring: MasterKeyring, wrapped: string): KeyObject {
  const parsed = parseWrap(wrapped);
  if (!ring.keys.has(parsed.version)) throw new DecryptionError();
  const pkcs8 = gcmDecrypt(
    kekFor(ring, parsed.version),
    { iv: fromB64urlStrict(parsed.iv), tag: fromB64urlStrict(parsed.tag), ct: fromB64urlStrict(parsed.ct) },
    USER_KEY_AAD,
  );
  try {
    const key = importX25519(pkcs8);
    if (key.asymmetricKeyType !== 'x25519') throw new DecryptionError();
    return key;
  } catch {
    throw new DecryptionError();
  } finally {
    pkcs8.fill(0);
  }
}

// An X25519 PKCS8 DER is this fixed prefix followed by the 32-byte private scalar.
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
// Node derives the public half from `d` and ignores `x` when importing a private JWK; `x` only has
// to be present and well-formed.
const UNUSED_X = 'A'.repeat(43);

/**
 * Importing through the JWK path is ~15× faster than OpenSSL 3's PKCS8 decoder (0.06 vs 0.8 ms),
 * which matters when a burst of reminders opens keys of many patients at once.
 */
function importX25519(pkcs8: Buffer): KeyObject {
  if (pkcs8.length === 48 && pkcs8.subarray(0, 16).equals(X25519_PKCS8_PREFIX)) {
    return createPrivateKey({
      key: { kty: 'OKP', crv: 'X25519', d: b64url(pkcs8.subarray(16)), x: UNUSED_X },
      format: 'jwk',
    });
  }
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

/**
 * Re-wraps a private key under the ring's current version (key rotation).
 * The key pair itself is unchanged, so existing DEK wraps and the public key
 * stay valid. An already-current wrap is still verified, so a rotation run
 * surfaces corrupt rows instead of silently passing them through.
 */
export function rewrapPrivateKey(ring: MasterKeyring, wrapped: string): string {
  const key = unwrapPrivateKey(ring, wrapped);
  if (parseWrap(wrapped).version === ring.currentVersion) return wrapped;
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  try {
    return wrapPkcs8(ring, pkcs8);
  } finally {
    pkcs8.fill(0);
  }
}
