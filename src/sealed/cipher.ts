// Opening a note's data key for one reader. Every reader uses their own wrap of the key, unwrapped
// with their own private key; a note holds wraps for its doctor and its patient only.
import { eq } from 'drizzle-orm';
import type { KeyObject } from 'node:crypto';
import type { MasterKeyring } from '../crypto/index.js';
import type { DbOrTx } from '../db/client.js';
import { users, type Note } from '../db/schema.js';
import { newDataKey, open, seal, unwrapDataKey, unwrapPrivateKey, wrapDataKey, type Sealed } from '../crypto/index.js';
import { forbidden, notFound } from '../errors.js';
import { keyUnwraps } from '../metrics.js';
import { KEY_CACHE_ENTRIES, KeyCache } from './keyCache.js';

// db may be an open transaction: PGlite has one connection, so a query beside an open
// transaction would wait for it forever.
type Ctx = { db: DbOrTx; keyring: MasterKeyring };

// Unwrapped private keys, per process, keyed by the wrapped form (a rotation changes the key).
const privateKeys = new KeyCache<KeyObject>(KEY_CACHE_ENTRIES);

/** A user's private key from its wrapped form (as stored in `users`), unwrapped once per process. */
export function privateKeyFromWrap(keyring: MasterKeyring, wrapped: string): KeyObject {
  let key = privateKeys.get(wrapped);
  if (!key) {
    key = unwrapPrivateKey(keyring, wrapped);
    keyUnwraps.inc({ key: 'private' });
    privateKeys.set(wrapped, key);
  }
  return key;
}

async function privateKeyOf(ctx: Ctx, userId: string): Promise<KeyObject> {
  const [user] = await ctx.db.select({ wrapped: users.wrappedPrivateKey }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound('user');
  return privateKeyFromWrap(ctx.keyring, user.wrapped);
}

// Unwrapped data keys, per process, keyed by the wrap itself (note, reader and key are bound in
// it: a rotation or a new wrap is a new entry). A dose falling due opens its text twice in the
// worker, for the live event and for the push: the X25519 unwrap is paid once. The private keys
// above are already held the same way; this adds nothing a process could not derive again.
const dataKeys = new KeyCache<Buffer>(KEY_CACHE_ENTRIES);

/** The note's data key through this reader's wrap, with the reader's private key already in hand. */
export function dataKeyWith(note: Pick<Note, 'id' | 'wrappedKeys'>, readerId: string, privateKey: KeyObject): Buffer {
  const wrapped = note.wrappedKeys[readerId];
  if (!wrapped) throw forbidden('no key for this reader');
  const cacheKey = `${note.id}:${readerId}:${wrapped}`;
  let key = dataKeys.get(cacheKey);
  if (!key) {
    key = unwrapDataKey(wrapped, privateKey, { noteId: note.id, recipientId: readerId });
    keyUnwraps.inc({ key: 'data' });
    dataKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * A plan step's text for its own patient, from what a dose row joins beside it (the note's wraps,
 * the patient's wrapped private key): the delivery's live event and its push both open it so.
 * Null when the note holds no wrap for the patient.
 */
export function openPlanForPatient(
  keyring: MasterKeyring,
  item: { id: string; noteId: string; patientId: string } & Sealed,
  wrappedKeys: Record<string, string>,
  patientKey: string,
): string | null {
  if (!wrappedKeys[item.patientId]) return null;
  const dek = dataKeyWith({ id: item.noteId, wrappedKeys }, item.patientId, privateKeyFromWrap(keyring, patientKey));
  return openStep(dek, 'plan', item);
}

/**
 * Unwraps a patient's keys for one note into the caches, ahead of a delivery (doses/warmKeys.ts).
 * False when there is no wrap for them or it does not open: the delivery will meet and report it.
 */
export function warmPatientKeys(
  keyring: MasterKeyring,
  row: { noteId: string; patientId: string; wrappedKeys: Record<string, string>; patientKey: string },
): boolean {
  if (!row.wrappedKeys[row.patientId]) return false;
  try {
    dataKeyWith(
      { id: row.noteId, wrappedKeys: row.wrappedKeys },
      row.patientId,
      privateKeyFromWrap(keyring, row.patientKey),
    );
    return true;
  } catch {
    return false;
  }
}

export async function dataKeyFor(ctx: Ctx, note: Pick<Note, 'id' | 'wrappedKeys'>, readerId: string): Promise<Buffer> {
  if (!note.wrappedKeys[readerId]) throw forbidden('no key for this reader');
  return dataKeyWith(note, readerId, await privateKeyOf(ctx, readerId));
}

/**
 * Seals a text under a fresh data key wrapped for each reader. `id` binds the AAD and the wraps
 * (a note's id, or a message's), `purpose` keeps one kind of text from opening as another.
 */
export function sealForReaders(
  id: string,
  patientId: string,
  text: string,
  recipients: Array<{ id: string; publicKey: string }>,
  purpose: 'note' | 'message',
) {
  const dek = newDataKey();
  const sealed = seal(dek, text, { noteId: id, patientId, purpose });
  const wrappedKeys: Record<string, string> = {};
  for (const r of recipients) wrappedKeys[r.id] = wrapDataKey(dek, r.publicKey, { noteId: id, recipientId: r.id });
  return { sealed, wrappedKeys, dek };
}

export const sealNote = (
  noteId: string,
  patientId: string,
  content: string,
  recipients: Array<{ id: string; publicKey: string }>,
) => sealForReaders(noteId, patientId, content, recipients, 'note');

export const openNote = (dek: Buffer, note: Pick<Note, 'id' | 'patientId'> & Sealed) =>
  open(dek, note, { noteId: note.id, patientId: note.patientId, purpose: 'note' });

/** 'source' seals the phrase of the note a step came from, bound to the step's id. */
export type StepKind = 'checklist' | 'plan' | 'unclear' | 'source';

/** Steps are sealed under their note's data key, each bound to its own item id. */
export const sealStep = (
  dek: Buffer,
  noteId: string,
  patientId: string,
  kind: StepKind,
  itemId: string,
  text: string,
) => seal(dek, text, { noteId, patientId, purpose: `${kind}:${itemId}` });

export const openStep = (
  dek: Buffer,
  kind: StepKind,
  item: { id: string; noteId: string; patientId: string } & Sealed,
) => open(dek, item, { noteId: item.noteId, patientId: item.patientId, purpose: `${kind}:${item.id}` });

/** A step's source phrase, from its source columns (null when it has none: v1 rows, typed steps). */
export function openSource(
  dek: Buffer,
  item: {
    id: string;
    noteId: string;
    patientId: string;
    sourceCiphertext: string | null;
    sourceIv: string | null;
    sourceTag: string | null;
  },
): string {
  if (!item.sourceCiphertext || !item.sourceIv || !item.sourceTag) return '';
  const sealed = { ciphertext: item.sourceCiphertext, iv: item.sourceIv, tag: item.sourceTag };
  return openStep(dek, 'source', { ...item, ...sealed });
}

/** The source columns of a step (empty source: none stored). */
export function sealSource(dek: Buffer, noteId: string, patientId: string, itemId: string, source: string) {
  if (!source) return { sourceCiphertext: null, sourceIv: null, sourceTag: null };
  const s = sealStep(dek, noteId, patientId, 'source', itemId, source);
  return { sourceCiphertext: s.ciphertext, sourceIv: s.iv, sourceTag: s.tag };
}
