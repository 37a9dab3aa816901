// AES-256-GCM primitives and strict encodings, shared by envelope.ts, wrap.ts and userKeys.ts.
// Not re-exported from index.ts: the rest of the app uses seal/open/wrap only.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionError } from './errors.js';

export const KEY_BYTES = 32;
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

/** @internal */
export function fromB64Strict(s: unknown): Buffer {
  if (typeof s !== 'string') throw new DecryptionError();
  const buf = Buffer.from(s, 'base64');
  if (buf.toString('base64') !== s) throw new DecryptionError();
  return buf;
}

/** @internal AAD fields are joined with '|', so a '|' inside one would make the join ambiguous. */
export function field(value: string, name: string): string {
  if (typeof value !== 'string' || value === '' || value.includes('|')) {
    throw new Error(`crypto context: ${name} must be a non-empty string without '|'`);
  }
  return value;
}

/** @internal */
export function checkDek(dek: Buffer): void {
  if (!Buffer.isBuffer(dek) || dek.length !== KEY_BYTES) {
    throw new Error(`data key must be ${KEY_BYTES} bytes`);
  }
}
