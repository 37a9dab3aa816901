// Read receipts: a device tells us it has shown everything up to `uptoSeq`. When a patient's
// device has shown a note's `note:new`, the note is seen and their current doctor hears `note:seen`.
// Locks are taken in the order every writer uses — rows (here the notes) first, the outbox
// cursors last and in user-id order — so a receipt never deadlocks with a note or steps being
// stored. It once locked its own cursor first and did.
import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { events, notes, type User } from '../db/schema.js';
import { advanceAck, readCursor } from './outbox.js';
import { currentDoctor, emitToCare } from './recipients.js';
import { inTransaction, type UnitOfWorkDeps } from './unitOfWork.js';

export async function acknowledge(ctx: UnitOfWorkDeps, user: User, uptoSeq: number): Promise<void> {
  const { lastSeq, ackedSeq } = await readCursor(ctx.db, user.id);
  const upto = Math.min(uptoSeq, lastSeq);
  // Nothing new shown (a repeat, or a device behind another): nothing to write.
  if (upto <= ackedSeq) return;
  await inTransaction(ctx, async (uow) => {
    const seen = user.role === 'patient' ? await markNotesSeen(uow.tx, user, ackedSeq, upto) : [];
    // note:seen goes to the patient's current doctor, and only for their own notes: an author the
    // patient has left hears nothing more, and a new doctor is not told about notes they cannot open.
    const doctorId = seen.length ? await currentDoctor(uow.tx, user.id, { lock: true }) : null;
    await advanceAck(uow.tx, user.id, upto, doctorId ? [doctorId] : []);
    for (const note of seen.filter((n) => n.doctorId === doctorId)) {
      const stub = { noteId: note.id, patientId: user.id, seenAt: note.seenAt!.toISOString() };
      emitToCare(uow, { patientId: user.id, doctorId }, 'note:seen', stub, { patient: false });
    }
  });
}

/** Notes whose note:new the patient's device has now shown, marked seen once (the row lock decides). */
async function markNotesSeen(tx: Tx, user: User, after: number, upto: number) {
  const shown = await tx
    .select({ payload: events.payload })
    .from(events)
    .where(and(eq(events.userId, user.id), eq(events.type, 'note:new'), gt(events.seq, after), lte(events.seq, upto)));
  const noteIds = shown.map((e) => (e.payload as { note: { id: string } }).note.id);
  if (noteIds.length === 0) return [];
  return tx
    .update(notes)
    .set({ seenAt: new Date() })
    .where(and(inArray(notes.id, noteIds), eq(notes.patientId, user.id), isNull(notes.seenAt)))
    .returning({ id: notes.id, doctorId: notes.doctorId, seenAt: notes.seenAt });
}
