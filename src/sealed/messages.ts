// Sealing a message: its own data key, wrapped for the patient and the doctor of the thread. The
// envelope is the note's (DESIGN §6); the message id takes the note id's place in the AAD and the
// key wraps, and the purpose 'message' keeps a message and a note from ever opening as each other.
import { newDataKey, open, type Sealed, seal, wrapDataKey } from '../crypto/index.js';

export function sealMessage(
  messageId: string,
  patientId: string,
  text: string,
  recipients: Array<{ id: string; publicKey: string }>,
) {
  const dek = newDataKey();
  const sealed = seal(dek, text, { noteId: messageId, patientId, purpose: 'message' });
  const wrappedKeys: Record<string, string> = {};
  for (const r of recipients)
    wrappedKeys[r.id] = wrapDataKey(dek, r.publicKey, { noteId: messageId, recipientId: r.id });
  return { sealed, wrappedKeys };
}

export const openMessage = (dek: Buffer, message: { id: string; patientId: string } & Sealed) =>
  open(dek, message, { noteId: message.id, patientId: message.patientId, purpose: 'message' });
