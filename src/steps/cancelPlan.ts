// Cancelling unfinished steps: an earlier note's when a newer note's steps land, or a note's own
// when its doctor corrects them. History stays, as cancelled rows.
import { and, eq, inArray, lt, type SQLWrapper, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { rowsOf } from '../db/client.js';
import { checklistItems, type Note, notes, reminders, planItems } from '../db/schema.js';
import { emitToCare } from '../events/recipients.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import { nearTerm } from '../reminders/scheduling.js';
import { createdAtOf } from './noteOrder.js';

/**
 * Cancels the unfinished items of these notes (ids, or a query of ids), their live reminders and
 * queued jobs. One statement: the three updates are data-modifying CTEs (the reminders' update
 * reads the plan items' RETURNING), which runs on every new note's steps. Returns the notes touched.
 */
export async function cancelUnfinished(
  ctx: AppContext,
  uow: UnitOfWork,
  noteIds: string[] | SQLWrapper,
): Promise<string[]> {
  if (Array.isArray(noteIds) && noteIds.length === 0) return [];
  const result = await uow.tx.execute(sql`
    with cl as (
      update ${checklistItems} set status = 'cancelled'
      where ${and(inArray(checklistItems.noteId, noteIds), eq(checklistItems.status, 'open'))} returning note_id
    ), pl as (
      update ${planItems} set status = 'cancelled'
      where ${and(inArray(planItems.noteId, noteIds), eq(planItems.status, 'active'))} returning id, note_id
    ), occ as (
      update ${reminders} set status = 'cancelled'
      where plan_item_id in (select id from pl) and status in ('scheduled', 'due') returning id, attempts, due_at
    )
    select note_id::text as note_id, null::text as occ_id, null::int as attempts, null::timestamptz as due_at from cl
    union all select note_id::text, null, null, null from pl
    union all select null, id::text, attempts, due_at from occ`);
  type Row = { note_id: string | null; occ_id: string | null; attempts: number | null; due_at: Date | string | null };
  const rows = rowsOf<Row>(result);
  const occ = rows
    .filter((r) => r.occ_id)
    .map((r) => ({ id: r.occ_id!, attempts: r.attempts!, dueAt: new Date(r.due_at!) }));
  if (occ.length) uow.afterCommit(() => ctx.jobs.removeReminderJobs(nearTerm(occ)));
  return [...new Set(rows.filter((r) => r.note_id).map((r) => r.note_id!))];
}

/** Cancels every unfinished step of the patient's notes before `by`, telling the patient and `doctorId` (current). */
export async function cancelEarlierPlans(ctx: AppContext, uow: UnitOfWork, by: Note, doctorId: string | null) {
  const earlier = uow.tx
    .select({ id: notes.id })
    .from(notes)
    .where(and(eq(notes.patientId, by.patientId), lt(notes.createdAt, createdAtOf(by.id))));
  const touched = (await cancelUnfinished(ctx, uow, earlier)).filter((id) => id !== by.id);
  for (const noteId of touched) {
    const stub = { patientId: by.patientId, noteId, byNoteId: by.id };
    emitToCare(uow, { patientId: by.patientId, doctorId }, 'plan:cancelled', stub);
    uow.audit(by.doctorId, 'plan.cancel', `note:${noteId}`);
  }
}
