// Writing and reading notes. A note is sealed before it touches the database; its extraction is
// queued (by id) only after the note row and its `note:new` events have committed.
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { assignments, notes, users, type User } from '../db/schema.js';
import { notFound } from '../errors.js';
import { authorize, canReadPatientRecord, canWriteNote } from '../policies.js';
import { inTransaction } from '../events/unitOfWork.js';
import { auditOnce } from '../audit/log.js';
import { dataKeyFor, openNote, sealNote } from './cipher.js';
import { noteEventStub, presentNote, presentNoteAccepted } from './presenters.js';

/** The patient and the id of the doctor they have currently chosen (or null), in one query. */
export async function loadPatient(
  ctx: Pick<AppContext, 'db'>,
  patientId: string,
): Promise<{ patient: User; doctorId: string | null }> {
  const [row] = await ctx.db
    .select({ patient: users, doctorId: assignments.doctorId })
    .from(users)
    .leftJoin(assignments, and(eq(assignments.patientId, users.id), eq(assignments.active, true)))
    .where(eq(users.id, patientId));
  if (row?.patient.role !== 'patient') throw notFound('patient');
  return row;
}

/** Loads the patient and checks the reader may see their record; returns the active doctor id. */
export async function authorizePatientRecord(ctx: AppContext, reader: User, patientId: string) {
  const { patient, doctorId } = await loadPatient(ctx, patientId);
  authorize(canReadPatientRecord(reader, patientId, doctorId), 'not your patient');
  return { patient, doctorId };
}

export async function submitNote(ctx: AppContext, author: User, patientId: string, content: string) {
  const { patient, doctorId } = await loadPatient(ctx, patientId);
  authorize(canWriteNote(author, doctorId), "only the patient's current doctor writes notes");
  const noteId = randomUUID();
  const { sealed, wrappedKeys } = sealNote(noteId, patient.id, content, [author, patient]);
  const note = await inTransaction(ctx, async (uow) => {
    const [row] = await uow.tx
      .insert(notes)
      .values({
        id: noteId,
        patientId: patient.id,
        doctorId: author.id,
        ...sealed,
        wrappedKeys,
        status: 'pending',
      })
      .returning();
    const stub = { note: noteEventStub(row!) };
    // Both recipients may read the text, and it is in hand: the live event carries it as is.
    const live = { note: { ...stub.note, content } };
    await uow.emit(patient.id, 'note:new', stub, live);
    await uow.emit(author.id, 'note:new', stub, live);
    uow.audit(author.id, 'note.write', `note:${noteId}`);
    uow.afterCommit(() => ctx.jobs.enqueueExtraction(noteId));
    return row!;
  });
  return { note: presentNoteAccepted(note) };
}

export async function listNotes(ctx: AppContext, reader: User, patientId: string) {
  await authorizePatientRecord(ctx, reader, patientId);
  const rows = await ctx.db.select().from(notes).where(eq(notes.patientId, patientId)).orderBy(desc(notes.createdAt));
  // A note written by an earlier doctor holds no wrap for the current one: it stays closed to them.
  const readable = rows.filter((n) => n.wrappedKeys[reader.id]);
  const out = [];
  for (const n of readable) out.push(presentNote(n, openNote(await dataKeyFor(ctx, n, reader.id), n)));
  await auditOnce(ctx.db, reader.id, 'note.read', `patient:${patientId}/notes`);
  return { notes: out };
}

/** Live `note:new` text for one recipient, filled in at delivery. */
export async function hydrateNoteNew(ctx: AppContext, userId: string, stored: Record<string, unknown>) {
  const stub = stored.note as { id: string };
  const [note] = await ctx.db.select().from(notes).where(eq(notes.id, stub.id));
  if (!note) throw notFound('note');
  return { note: { ...stub, content: openNote(await dataKeyFor(ctx, note, userId), note) } };
}
