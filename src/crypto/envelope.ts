// Note data keys and sealing: one random key per note, each text sealed with AES-256-GCM and
// bound (as AAD) to the note, patient and purpose it belongs to.
import { randomBytes } from 'node:crypto';
import { DecryptionError } from './errors.js';
import { checkDek, field, fromB64Strict, type GcmParts, gcmDecrypt, gcmEncrypt, KEY_BYTES } from './gcm.js';

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
