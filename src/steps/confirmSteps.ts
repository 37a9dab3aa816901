// The doctor confirms a note's steps (DESIGN §4, §7): the items waiting for them (unclear note,
// high-alert schedule, review before start) start now, and the unclear parts count as read.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { notes, planItems, type Reminder, unclearItems, type User } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { inTransaction } from '../events/unitOfWork.js';
import { authorize, canConfirmSteps } from '../policies.js';
import { clockOf } from '../doses/patientClock.js';
import { firstDose } from '../doses/schedule.js';
import { rescheduleReminders } from '../doses/planning.js';
import { scheduleNearTerm } from '../doses/scheduling.js';
import { dataKeyFor } from '../sealed/cipher.js';
import { loadPatient } from '../users/loadPatient.js';
import { finishSteps } from './finishSteps.js';
import { readStepsOfNote } from './readSteps.js';

export async function confirmSteps(ctx: AppContext, doctor: User, noteId: string) {
  await inTransaction(ctx, async (uow) => {
    const [note] = await uow.tx.select().from(notes).where(eq(notes.id, noteId)).for('update');
    if (!note) throw notFound('note');
    const { doctorId } = await loadPatient(uow.tx, note.patientId, { lock: true });
    authorize(canConfirmSteps(doctor, note, doctorId), "only the note's doctor, while the patient's, confirms");
    if (note.status !== 'needs_review') throw conflict('NOTHING_TO_CONFIRM', 'no steps of this note wait for review');
    const now = new Date();
    const drafts = await uow.tx
      .select()
      .from(planItems)
      .where(and(eq(planItems.noteId, noteId), eq(planItems.status, 'draft')))
      .for('update');
    const started = [];
    const scheduled: Reminder[] = [];
    const dayMs = ctx.config.scheduleDayMs;
    const clock = await clockOf(uow.tx, note.patientId);
    for (const d of drafts) {
      // The schedule starts now, from the doctor's confirmation, on the patient's clock.
      const start = firstDose(d.timing, clock, now, dayMs);
      const [row] = await uow.tx
        .update(planItems)
        .set({ status: 'active', ...start })
        .where(eq(planItems.id, d.id))
        .returning();
      started.push(row!);
      // A draft may have doses on record (an active item a correction made high-alert): they
      // stay; what is still to come is numbered after them.
      const todo = row!.asNeeded ? 0 : Math.max(0, row!.requiredCheckins - row!.completedCheckins);
      scheduled.push(
        ...(await rescheduleReminders(uow.tx, row!, todo, clock, dayMs, new Date(start.startsAt.getTime() - 1)))
          .created,
      );
    }
    uow.afterCommit(() => scheduleNearTerm(ctx, scheduled));
    await uow.tx
      .update(unclearItems)
      .set({ status: 'resolved', resolvedAt: now })
      .where(and(eq(unclearItems.noteId, noteId), eq(unclearItems.status, 'open')));
    const dek = await dataKeyFor({ db: uow.tx, keyring: ctx.keyring }, note, doctor.id);
    const changes = { added: [], changed: started.map((p) => p.id), removed: [] };
    await finishSteps(ctx, uow, note, doctorId, { type: 'plan:changed', changes, dek });
    uow.audit(doctor.id, 'steps.confirm', `note:${noteId}`);
  });
  return readStepsOfNote(ctx, doctor.id, noteId);
}
