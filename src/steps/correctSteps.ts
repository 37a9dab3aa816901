// A doctor corrects a note's steps: the corrected steps replace that note's unfinished ones. Only
// the note's author, and only while still the patient's current doctor (it changes the live plan).
import { and, eq, gt, ne } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { notes, type User } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { inTransaction } from '../events/unitOfWork.js';
import type { Extraction } from '../extraction/schema.js';
import { authorize, canCorrectSteps } from '../policies.js';
import { cancelUnfinished } from './cancelPlan.js';
import { readStepsOfNote } from './readSteps.js';
import { createdAtOf } from './noteOrder.js';
import { storeSteps } from './storeSteps.js';
import { loadPatient } from '../users/loadPatient.js';

export async function correctSteps(ctx: AppContext, doctor: User, noteId: string, steps: Extraction) {
  await inTransaction(ctx, async (uow) => {
    const [note] = await uow.tx.select().from(notes).where(eq(notes.id, noteId)).for('update');
    if (!note) throw notFound('note');
    // Locked: a patient leaving this doctor meanwhile waits, so the check holds until commit.
    const { doctorId } = await loadPatient(uow.tx, note.patientId, { lock: true });
    authorize(canCorrectSteps(doctor, note, doctorId), "only the note's doctor, while the patient's, corrects");
    if (note.status !== 'ready' && note.status !== 'failed')
      throw conflict('NOTE_NOT_READY', 'steps can be corrected once extraction has finished');
    const [newer] = await uow.tx
      .select({ id: notes.id })
      .from(notes)
      .where(
        and(eq(notes.patientId, note.patientId), gt(notes.createdAt, createdAtOf(note.id)), ne(notes.status, 'failed')),
      )
      .limit(1);
    if (newer) throw conflict('PLAN_SUPERSEDED', 'a newer note replaced this plan');
    // History stays as cancelled rows.
    await cancelUnfinished(ctx, uow, [noteId]);
    await storeSteps(ctx, uow, noteId, steps, { extractor: 'doctor', model: null });
    uow.audit(doctor.id, 'steps.correct', `note:${noteId}`);
  });
  return readStepsOfNote(ctx, doctor.id, noteId);
}
