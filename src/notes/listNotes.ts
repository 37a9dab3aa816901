// The notes of a patient's record that the reader holds a key for, newest first.
import { desc, eq } from 'drizzle-orm';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { type Note, notes, type User } from '../db/schema.js';
import { dataKeyFor, openNote } from '../sealed/cipher.js';
import { canListNotes } from '../policies.js';
import { authorizePatientRecord } from '../users/loadPatient.js';

export const presentNote = (n: Note, content: string) => ({
  id: n.id,
  content,
  status: n.status,
  createdAt: n.createdAt.toISOString(),
  doctorId: n.doctorId,
  extractor: n.extractor,
  model: n.model,
  seenAt: n.seenAt ? n.seenAt.toISOString() : null,
  failureReason: n.failureReason,
});

export async function listNotes(ctx: AppContext, reader: User, patientId: string) {
  await authorizePatientRecord(ctx, reader, patientId, canListNotes);
  const rows = await ctx.db.select().from(notes).where(eq(notes.patientId, patientId)).orderBy(desc(notes.createdAt));
  // A note written by an earlier doctor holds no wrap for the current one: it stays closed to them.
  const readable = rows.filter((n) => n.wrappedKeys[reader.id]);
  const out = [];
  for (const n of readable) out.push(presentNote(n, openNote(await dataKeyFor(ctx, n, reader.id), n)));
  await auditOnce(ctx.db, reader.id, 'note.read', `patient:${patientId}/notes`);
  return { notes: out };
}
