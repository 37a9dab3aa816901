import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { DecryptionError } from './errors.js';

// ---------------------------------------------------------------------------
// AES-256-GCM primitives and strict encodings, shared with userKeys.ts.
// Not re-exported from index.ts: the rest of the app uses seal/open/wrap only.
// ---------------------------------------------------------------------------

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** @internal */
export interface GcmParts {
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

/** @internal AES-256-GCM with a fresh random 96-bit IV (safe for random IVs at our volumes). */
export function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer): GcmParts {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

/** @internal Decrypts or throws DecryptionError; never returns unauthenticated bytes. */
export function gcmDecrypt(key: Buffer, parts: GcmParts, aad: Buffer): Buffer {
  // Lengths are checked explicitly: Node would otherwise accept a truncated tag
  // (down to 4 bytes), which weakens authentication.
  if (key.length !== KEY_BYTES || parts.iv.length !== IV_BYTES || parts.tag.length !== TAG_BYTES) {
    throw new DecryptionError();
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ct), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

/** @internal */
export function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

/**
 * @internal Canonical decoding only: Node's decoder skips junk characters and
 * ignores spare bits, so an edited string could decode to the same bytes. We
 * require the input to be exactly what we would have written.
 */
export function fromB64urlStrict(s: string): Buffer {
  const buf = Buffer.from(s, 'base64url');
  if (buf.toString('base64url') !== s) throw new DecryptionError();
  return buf;
}

function fromB64Strict(s: unknown): Buffer {
  if (typeof s !== 'string') throw new DecryptionError();
  const buf = Buffer.from(s, 'base64');
  if (buf.toString('base64') !== s) throw new DecryptionError();
  return buf;
}

/** AAD fields are joined with '|', so a '|' inside one would make the join ambiguous. */
function field(value: string, name: string): string {
  if (typeof value !== 'string' || value === '' || value.includes('|')) {
    throw new Error(`crypto context: ${name} must be a non-empty string without '|'`);
  }
  return value;
}

// ---------------------------------------------------------------------------
// Note data keys and sealing
// ---------------------------------------------------------------------------

/** A fresh 256-bit data key (one per note). */
export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Sealed text as stored in the database (base64 columns). */
export interface Sealed {
  ciphertext: string;
  iv: string;
  tag: string;
}

/**
 * What a ciphertext belongs to. Bound as AAD, so a sealed value copied onto
 * another note, patient or item (or from checklist to plan) fails to open.
 * purpose: 'note', 'checklist:<itemId>', 'plan:<itemId>', …
 */
export interface SealContext {
  noteId: string;
  patientId: string;
  purpose: string;
}

function sealAad(ctx: SealContext): Buffer {
  return Buffer.from(
    `carebeat/v1|${field(ctx.purpose, 'purpose')}|${field(ctx.noteId, 'noteId')}|${field(ctx.patientId, 'patientId')}`,
    'utf8',
  );
}

function checkDek(dek: Buffer): void {
  if (!Buffer.isBuffer(dek) || dek.length !== KEY_BYTES) {
    throw new Error(`data key must be ${KEY_BYTES} bytes`);
  }
}

export function seal(dek: Buffer, plaintext: string, ctx: SealContext): Sealed {
  checkDek(dek);
  const { iv, tag, ct } = gcmEncrypt(dek, Buffer.from(plaintext, 'utf8'), sealAad(ctx));
  return { ciphertext: ct.toString('base64'), iv: iv.toString('base64'), tag: tag.toString('base64') };
}

/** Opens a sealed value; any failure (key, bytes, context, shape) is a DecryptionError. */
export function open(dek: Buffer, sealed: Sealed, ctx: SealContext): string {
  let aad: Buffer;
  try {
    aad = sealAad(ctx);
  } catch {
    throw new DecryptionError();
  }
  if (!Buffer.isBuffer(dek) || sealed === null || typeof sealed !== 'object') throw new DecryptionError();
  const parts: GcmParts = {
    ct: fromB64Strict(sealed.ciphertext),
    iv: fromB64Strict(sealed.iv),
    tag: fromB64Strict(sealed.tag),
  };
  return gcmDecrypt(dek, parts, aad).toString('utf8');
}

// ---------------------------------------------------------------------------
// Wrapping a data key for one reader (ECIES-style: ephemeral X25519 + HKDF + GCM)
// ---------------------------------------------------------------------------

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
