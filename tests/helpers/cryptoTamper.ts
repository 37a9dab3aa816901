// Tampering tools for the crypto unit tests: each edit must make decryption throw, never return.
import assert from 'node:assert/strict';
import { DecryptionError } from '../../src/crypto/index.js';

/** Flips one bit of one byte of a base64 (or base64url) value and re-encodes it canonically. */
export function flipB64(value: string, enc: 'base64' | 'base64url', index = 0): string {
  const buf = Buffer.from(value, enc);
  buf[index % buf.length] ^= 0x01;
  return buf.toString(enc);
}

/** Flips a byte inside segment `seg` of a dotted wrapped string. */
export function flipSegment(wrapped: string, seg: number): string {
  const parts = wrapped.split('.');
  parts[seg] = flipB64(parts[seg], 'base64url', 3);
  return parts.join('.');
}

/** Asserts that `fn` throws DecryptionError and that no value ever came back from it. */
export function rejects(fn: () => unknown): void {
  let result: unknown;
  assert.throws(() => {
    result = fn();
  }, DecryptionError);
  assert.equal(result, undefined, 'must never return a value');
}
