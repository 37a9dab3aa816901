// A doctor writes a note for their patient. The note is sealed before it touches the database;
// its extraction is queued (by id) only after the note row and its `note:new` events committed.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import { type Note, notes, type User } from '../db/schema.js';
import { noteStub } from '../events/render/notes.js';
import { inTransaction } from '../events/unitOfWork.js';
import { authorize, canWriteNote } from '../policies.js';
import { sealNote } from '../sealed/cipher.js';
import { loadPatient } from '../users/loadPatient.js';

export async function submitNote(
  ctx: AppContext,
  author: User,
  patientId: string,
  content: string,
  mode: Note['mode'] = 'replace',
) {
  const noteId = randomUUID();
  const note = await inTransaction(ctx, async (uow) => {
    // Locked: a patient choosing another doctor meanwhile waits, so the check holds until commit.
    const { patient, doctorId } = await loadPatient(uow.tx, patientId, { lock: true });
    authorize(canWriteNote(author, doctorId), "only the patient's current doctor writes notes");
    const { sealed, wrappedKeys } = sealNote(noteId, patient.id, content, [author, patient]);
    const [row] = await uow.tx
      .insert(notes)
      .values({
        id: noteId,
        patientId: patient.id,
        doctorId: author.id,
        ...sealed,
        wrappedKeys,
        status: 'pending',
        mode,
      })
      .returning();
    // Both recipients may read the text, and it is in hand.
    const texts = new Map([[noteId, content]]);
    uow.emit([patient.id, author.id], 'note:new', { note: noteStub(row!) }, { patientId: patient.id, texts });
    uow.audit(author.id, 'note.write', `note:${noteId}`);
    uow.afterCommit(() => ctx.jobs.enqueueExtraction(noteId));
    return row!;
  });
  return { note: noteStub(note) };
}
