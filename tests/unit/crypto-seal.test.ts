// seal/open: the AES-GCM envelope around a note or step, and the context (AAD) it is bound to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDataKey, open, seal, type Sealed } from '../../src/crypto/index.js';
import { flipB64, rejects } from '../helpers/cryptoTamper.js';

const ctx = { noteId: 'note-1', patientId: 'patient-1', purpose: 'note' };

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
