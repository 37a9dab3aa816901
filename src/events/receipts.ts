// Read receipts: a device tells us it has shown everything up to `uptoSeq`. When a patient's
// device has shown a note's `note:new`, the note is seen and its doctor hears `note:seen`.
import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import { events, notes, type User } from '../db/schema.js';
import { advanceAck } from './outbox.js';
import { inTransaction, type UnitOfWorkDeps } from './unitOfWork.js';

export async function acknowledge(ctx: UnitOfWorkDeps, user: User, uptoSeq: number): Promise<void> {
  await inTransaction(ctx, async (uow) => {
    const { previous, current } = await advanceAck(uow.tx, user.id, uptoSeq);
    if (user.role !== 'patient' || current <= previous) return;
    const shown = await uow.tx
      .select({ payload: events.payload })
      .from(events)
      .where(
        and(
          eq(events.userId, user.id),
          eq(events.type, 'note:new'),
          gt(events.seq, previous),
          lte(events.seq, current),
        ),
      );
    const noteIds = shown.map((e) => (e.payload as { note: { id: string } }).note.id);
    if (noteIds.length === 0) return;
    const seenAt = new Date();
    const seen = await uow.tx
      .update(notes)
      .set({ seenAt })
      .where(and(inArray(notes.id, noteIds), eq(notes.patientId, user.id), isNull(notes.seenAt)))
      .returning({ id: notes.id, doctorId: notes.doctorId });
    for (const note of seen) {
      const stub = { noteId: note.id, patientId: user.id, seenAt: seenAt.toISOString() };
      uow.emit(note.doctorId, 'note:seen', stub, { patientId: user.id });
    }
  });
}
