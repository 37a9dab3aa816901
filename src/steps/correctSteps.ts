// A doctor corrects a note's steps, in place (DESIGN §7): named items are edited and keep their
// doses on record, new ones are added, live ones left out are removed (checklist) or stopped
// (plan). The same safety check as an extractor's runs on the result. Only the note's author,
// and only while still the patient's current doctor (it changes the live plan).
import { and, eq, gt, inArray, ne } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { checklistItems, notes, planItems, unclearItems, type User } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { inTransaction } from '../events/unitOfWork.js';
import { checkSafety } from '../extraction/safety.js';
import type { StepsCorrection } from '../notes/schemas.js';
import { authorize, canCorrectSteps } from '../policies.js';
import { dataKeyFor, openNote } from '../sealed/cipher.js';
import { loadPatient } from '../users/loadPatient.js';
import { createdAtOf } from './noteOrder.js';
import { readStepsOfNote } from './readSteps.js';
import { assertReminderBudget } from './stepRows.js';
import { finishSteps } from './finishSteps.js';
import { editChecklistItem, editPlanItem } from './editPlan.js';
import { insertNewSteps } from './insertSteps.js';
import { stopUnfinished } from './stopPlan.js';

export async function correctSteps(ctx: AppContext, doctor: User, noteId: string, input: StepsCorrection) {
  await inTransaction(ctx, async (uow) => {
    const [note] = await uow.tx.select().from(notes).where(eq(notes.id, noteId)).for('update');
    if (!note) throw notFound('note');
    // Locked: a patient leaving this doctor meanwhile waits, so the check holds until commit.
    const { doctorId } = await loadPatient(uow.tx, note.patientId, { lock: true });
    authorize(canCorrectSteps(doctor, note, doctorId), "only the note's doctor, while the patient's, corrects");
    if (!['ready', 'needs_review', 'failed'].includes(note.status))
      throw conflict('NOTE_NOT_READY', 'steps can be corrected once extraction has finished');
    const [newer] = await uow.tx
      .select({ id: notes.id })
      .from(notes)
      .where(
        and(
          eq(notes.patientId, note.patientId),
          gt(notes.createdAt, createdAtOf(note.id)),
          eq(notes.mode, 'replace'),
          inArray(notes.status, ['ready', 'needs_review']),
        ),
      )
      .limit(1);
    if (newer) throw conflict('PLAN_SUPERSEDED', 'a newer note replaced this plan');
    const dek = await dataKeyFor({ db: uow.tx, keyring: ctx.keyring }, note, doctor.id);
    // The safety check passes the items it keeps through as they are (it only drops or adds), so
    // the object itself says which id it was sent with.
    const sentId = new Map<object, string | undefined>();
    const strip = <T extends { id?: string | undefined }>({ id, ...rest }: T) => {
      sentId.set(rest, id);
      return rest;
    };
    const { steps, holds } = checkSafety(
      openNote(dek, note),
      { checklist: input.checklist.map(strip), plan: input.plan.map(strip), unclear: input.unclear },
      { byDoctor: true },
    );
    assertReminderBudget(steps.plan);
    const sealer = { dek, noteId: note.id, patientId: note.patientId, texts: new Map<string, string>() };
    const live = {
      checklist: await uow.tx
        .select()
        .from(checklistItems)
        .where(and(eq(checklistItems.noteId, noteId), ne(checklistItems.status, 'removed'))),
      plan: await uow.tx
        .select()
        .from(planItems)
        .where(and(eq(planItems.noteId, noteId), inArray(planItems.status, ['draft', 'active', 'completed'])))
        .for('update'),
    };
    const changes = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
    const keptCl = new Set<string>();
    const newCl: Array<{ item: (typeof steps.checklist)[number]; position: number }> = [];
    for (const [position, item] of steps.checklist.entries()) {
      const id = sentId.get(item);
      const row = live.checklist.find((r) => r.id === id);
      if (!row) newCl.push({ item, position });
      else {
        keptCl.add(row.id);
        await editChecklistItem(uow, sealer, row, item, position, ctx.config.scheduleDayMs);
      }
    }
    const keptPl = new Set<string>();
    const newPl: Array<{ item: (typeof steps.plan)[number]; held: boolean; position: number }> = [];
    for (const [position, item] of steps.plan.entries()) {
      const id = sentId.get(item);
      const row = live.plan.find((r) => r.id === id);
      if (!row) newPl.push({ item, held: holds.includes(position), position });
      else {
        keptPl.add(row.id);
        if (await editPlanItem(ctx, uow, sealer, row, item, position, holds.includes(position)))
          changes.changed.push(row.id);
      }
    }
    const goneCl = live.checklist.filter((r) => !keptCl.has(r.id) && r.status === 'open').map((r) => r.id);
    if (goneCl.length)
      await uow.tx.update(checklistItems).set({ status: 'removed' }).where(inArray(checklistItems.id, goneCl));
    const gonePl = live.plan.filter((r) => !keptPl.has(r.id) && r.status !== 'completed').map((r) => r.id);
    await stopUnfinished(ctx, uow, { itemIds: gonePl });
    changes.removed.push(...goneCl, ...gonePl);
    // What still waits for the doctor is what this correction says (and the safety check adds).
    await uow.tx
      .update(unclearItems)
      .set({ status: 'resolved', resolvedAt: new Date() })
      .where(and(eq(unclearItems.noteId, noteId), eq(unclearItems.status, 'open')));
    const added = await insertNewSteps(ctx, uow, sealer, { checklist: newCl, plan: newPl, unclear: steps.unclear });
    changes.added.push(...added);
    await finishSteps(ctx, uow, note, doctorId, { type: 'plan:changed', changes, dek, corrected: true });
    uow.audit(doctor.id, 'steps.correct', `note:${noteId}`);
  });
  return readStepsOfNote(ctx, doctor.id, noteId);
}
