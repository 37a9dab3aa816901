// Stopping unfinished plan items: an earlier note's when a newer note's plan replaces it, or single
// items a doctor's correction removes. Checklist items are never stopped by a new note (they stay
// until done or removed). History stays, as stopped rows; reminders taken or missed stay as they were.
import { and, eq, inArray, lt, type SQLWrapper, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { rowsOf } from '../db/client.js';
import { type Note, notes, reminders, planItems } from '../db/schema.js';
import { emitToCare } from '../events/recipients.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import { createdAtOf } from './noteOrder.js';

type Which = { noteIds: string[] | SQLWrapper } | { itemIds: string[] };

/**
 * Stops the draft and active plan items chosen (by note, or by item), cancels their live reminders
 * and queued jobs, in one statement (the reminders' update reads the items' RETURNING). Returns
 * the notes touched.
 */
export async function stopUnfinished(_ctx: AppContext, uow: UnitOfWork, which: Which): Promise<string[]> {
  const ids = 'itemIds' in which ? which.itemIds : which.noteIds;
  if (Array.isArray(ids) && ids.length === 0) return [];
  const chosen = 'itemIds' in which ? inArray(planItems.id, which.itemIds) : inArray(planItems.noteId, which.noteIds);
  const result = await uow.tx.execute(sql`
    with pl as (
      update ${planItems} set status = 'stopped'
      where ${and(chosen, inArray(planItems.status, ['active', 'draft']))} returning id, note_id
    ), occ as (
      update ${reminders} set status = 'cancelled'
      where plan_item_id in (select id from pl) and status in ('scheduled', 'due')
    )
    select note_id::text as note_id from pl`);
  // The doses' update runs though nothing reads it (PostgreSQL runs every data-modifying WITH once);
  // no queued job names a dose any more, so there is nothing to remove after commit.
  const rows = rowsOf<{ note_id: string }>(result);
  return [...new Set(rows.map((r) => r.note_id))];
}

/** Stops the plan of every note of the patient before `by` (a replacing plan), telling the patient and `doctorId`. */
export async function stopEarlierPlans(ctx: AppContext, uow: UnitOfWork, by: Note, doctorId: string | null) {
  const earlier = uow.tx
    .select({ id: notes.id })
    .from(notes)
    .where(and(eq(notes.patientId, by.patientId), lt(notes.createdAt, createdAtOf(by.id))));
  const touched = (await stopUnfinished(ctx, uow, { noteIds: earlier })).filter((id) => id !== by.id);
  for (const noteId of touched) {
    const stub = { patientId: by.patientId, noteId, byNoteId: by.id };
    emitToCare(uow, { patientId: by.patientId, doctorId }, 'plan:cancelled', stub);
    uow.audit(by.doctorId, 'plan.cancel', `note:${noteId}`);
  }
}
