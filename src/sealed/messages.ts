// Sealing a message: its own data key, wrapped for the patient and the doctor of the thread. The
// envelope is the note's (DESIGN §6); the message id takes the note id's place in the AAD and the
// key wraps, and the purpose 'message' keeps a message and a note from ever opening as each other.
import { open, type Sealed } from '../crypto/index.js';
import { sealForReaders } from './cipher.js';

export const sealMessage = (
  messageId: string,
  patientId: string,
  text: string,
  recipients: Array<{ id: string; publicKey: string }>,
) => sealForReaders(messageId, patientId, text, recipients, 'message');

export const openMessage = (dek: Buffer, message: { id: string; patientId: string } & Sealed) =>
  open(dek, message, { noteId: message.id, patientId: message.patientId, purpose: 'message' });
