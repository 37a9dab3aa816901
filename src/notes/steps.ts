// Steps: storing what an extractor (or a correcting doctor) produced, reading the active plan,
// and cancelling earlier notes' unfinished steps when a newer note's steps land.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, getTableColumns, gt, inArray, lt, ne, sql, type SQLWrapper } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { rowsOf } from '../db/client.js';
import {
  checklistItems,
  notes,
  occurrences,
  planItems,
  type ChecklistItem,
  type Note,
  type PlanItem,
  type User,
} from '../db/schema.js';
import type { Extraction } from '../extraction/schema.js';
import { conflict, notFound } from '../errors.js';
import { authorize, canCorrectSteps } from '../policies.js';
import { inTransaction, type UnitOfWork } from '../events/unitOfWork.js';
import { createOccurrences, intervalFor } from '../reminders/planning.js';
import { nearTerm, scheduleNearTerm } from '../reminders/scheduling.js';
import { dataKeyFor, sealStep } from './cipher.js';
import { authorizePatientRecord } from './service.js';
import { checklistStub, planStub, withText } from './stepPresenters.js';
import { stepTexts } from './stepTexts.js';

export interface Producer {
  extractor: string;
  model: string | null;
}

// "Newer/earlier than this note" is decided on the stored created_at: it has microseconds while
// note.createdAt (a JS Date) has milliseconds, so comparing with it counted a note as newer than itself.
const createdAtOf = (noteId: string) => sql`(select n2.created_at from notes n2 where n2.id = ${noteId})`;

/** Whether a newer note of the same patient is already ready (SQL, for a statement on `notes`). */
const newerNoteReady = (noteId: string) => sql<boolean>`exists (select 1 from ${notes} n3
  where n3.patient_id = ${notes.patientId} and n3.created_at > ${createdAtOf(noteId)} and n3.status = 'ready')`;

/**
 * Writes steps for a note in one transaction: its status, items, occurrences, cancellations,
 * events, audit. The first statement marks the note ready — that is also its row lock — and reads
 * whether a newer note is already ready; with `fromStatus` only a note in one of those statuses
 * is marked, and null is returned for any other (a late or duplicate extraction).
 * `dek` is the note's data key when the caller already opened it (the extraction worker has).
 */
export async function storeSteps(
  ctx: AppContext,
  uow: UnitOfWork,
  noteId: string,
  steps: Extraction,
  producer: Producer,
  opts: { dek?: Buffer; fromStatus?: Array<Note['status']> } = {},
) {
  const now = new Date();
  const [note] = await uow.tx
    .update(notes)
    .set({ status: 'ready', extractor: producer.extractor, model: producer.model, readyAt: now, failureReason: null })
    .where(opts.fromStatus ? and(eq(notes.id, noteId), inArray(notes.status, opts.fromStatus)) : eq(notes.id, noteId))
    .returning({ ...getTableColumns(notes), newer: newerNoteReady(noteId) });
  if (!note) return null;
  // A newer note that is already ready wins: this one's steps are born cancelled.
  const newer = note.newer;
  const key = opts.dek ?? (await dataKeyFor({ db: uow.tx, keyring: ctx.keyring }, note, note.patientId));
  const texts = new Map<string, string>();
  const clRows = steps.checklist.map((item, position) => {
    const id = randomUUID();
    texts.set(id, item.text);
    return {
      id,
      noteId: note.id,
      patientId: note.patientId,
      position,
      status: newer ? ('cancelled' as const) : ('open' as const),
      ...sealStep(key, note.id, note.patientId, 'checklist', id, item.text),
    };
  });
  const plRows = steps.plan.map((item, position) => {
    const id = randomUUID();
    const intervalMs = intervalFor(ctx.config.scheduleDayMs, item.frequencyPerDay);
    texts.set(id, item.text);
    return {
      id,
      noteId: note.id,
      patientId: note.patientId,
      position,
      status: newer ? ('cancelled' as const) : ('active' as const),
      frequencyPerDay: item.frequencyPerDay,
      durationDays: item.durationDays,
      requiredCheckins: item.frequencyPerDay * item.durationDays,
      intervalMs,
      startsAt: new Date(now.getTime() + intervalMs),
      ...sealStep(key, note.id, note.patientId, 'plan', id, item.text),
    };
  });
  const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;
  const cl: ChecklistItem[] = clRows.length
    ? (await uow.tx.insert(checklistItems).values(clRows).returning()).sort(byPosition)
    : [];
  const pl: PlanItem[] = plRows.length
    ? (await uow.tx.insert(planItems).values(plRows).returning()).sort(byPosition)
    : [];
  const scheduled = await createOccurrences(uow.tx, pl);
  if (!newer) await cancelEarlierSteps(ctx, uow, note);
  const stored = {
    noteId: note.id,
    patientId: note.patientId,
    extractor: producer.extractor,
    model: producer.model,
    checklist: cl.map(checklistStub),
    plan: pl.map(planStub),
  };
  // Patient and doctor both hold a wrap of this note's key, and the texts are in hand.
  const live = {
    ...stored,
    checklist: stored.checklist.map((i) => withText(i, texts)),
    plan: stored.plan.map((i) => withText(i, texts)),
  };
  await uow.emit(note.patientId, 'steps:ready', stored, live);
  await uow.emit(note.doctorId, 'steps:ready', stored, live);
  uow.afterCommit(() => scheduleNearTerm(ctx, scheduled));
  return { checklist: cl, plan: pl };
}

/** Cancels every unfinished step of the patient's earlier notes (and the pending reminders). */
async function cancelEarlierSteps(ctx: AppContext, uow: UnitOfWork, note: Note) {
  const earlier = uow.tx
    .select({ id: notes.id })
    .from(notes)
    .where(and(eq(notes.patientId, note.patientId), lt(notes.createdAt, createdAtOf(note.id))));
  await cancelStepsOf(ctx, uow, earlier, note);
}

/**
 * Cancels the unfinished items of these notes (ids, or a query of ids), their live occurrences and
 * queued jobs. One statement: the three updates are data-modifying CTEs (the occurrences' update
 * reads the plan items' RETURNING), which runs on every new note's steps.
 */
async function cancelUnfinished(ctx: AppContext, uow: UnitOfWork, noteIds: string[] | SQLWrapper): Promise<string[]> {
  if (Array.isArray(noteIds) && noteIds.length === 0) return [];
  const result = await uow.tx.execute(sql`
    with cl as (
      update ${checklistItems} set status = 'cancelled'
      where ${and(inArray(checklistItems.noteId, noteIds), eq(checklistItems.status, 'open'))} returning note_id
    ), pl as (
      update ${planItems} set status = 'cancelled'
      where ${and(inArray(planItems.noteId, noteIds), eq(planItems.status, 'active'))} returning id, note_id
    ), occ as (
      update ${occurrences} set status = 'cancelled'
      where plan_item_id in (select id from pl) and status in ('scheduled', 'due') returning id, attempts, due_at
    )
    select note_id::text as note_id, null::text as occ_id, null::int as attempts, null::timestamptz as due_at from cl
    union all select note_id::text, null, null, null from pl
    union all select null, id::text, attempts, due_at from occ`);
  const rows = rowsOf<{
    note_id: string | null;
    occ_id: string | null;
    attempts: number | null;
    due_at: Date | string | null;
  }>(result);
  const occ = rows
    .filter((r) => r.occ_id)
    .map((r) => ({ id: r.occ_id!, attempts: r.attempts!, dueAt: new Date(r.due_at!) }));
  if (occ.length) uow.afterCommit(() => ctx.jobs.removeOccurrenceJobs(nearTerm(occ)));
  return [...new Set(rows.filter((r) => r.note_id).map((r) => r.note_id!))];
}

async function cancelStepsOf(ctx: AppContext, uow: UnitOfWork, noteIds: string[] | SQLWrapper, by: Note) {
  const touched = (await cancelUnfinished(ctx, uow, noteIds)).filter((id) => id !== by.id);
  for (const noteId of touched) {
    const data = { patientId: by.patientId, noteId, byNoteId: by.id };
    await uow.emit(by.patientId, 'plan:cancelled', data);
    await uow.emit(by.doctorId, 'plan:cancelled', data);
    uow.audit(by.doctorId, 'plan.cancel', `note:${noteId}`);
  }
}

export async function correctSteps(ctx: AppContext, doctor: User, noteId: string, steps: Extraction) {
  const [found] = await ctx.db.select().from(notes).where(eq(notes.id, noteId));
  if (!found) throw notFound('note');
  authorize(canCorrectSteps(doctor, found), "only the note's doctor corrects its steps");
  await inTransaction(ctx, async (uow) => {
    const [note] = await uow.tx.select().from(notes).where(eq(notes.id, noteId)).for('update');
    if (note!.status !== 'ready' && note!.status !== 'failed')
      throw conflict('NOTE_NOT_READY', 'steps can be corrected once extraction has finished');
    const [newer] = await uow.tx
      .select({ id: notes.id })
      .from(notes)
      .where(
        and(
          eq(notes.patientId, note!.patientId),
          gt(notes.createdAt, createdAtOf(note!.id)),
          ne(notes.status, 'failed'),
        ),
      )
      .limit(1);
    if (newer) throw conflict('PLAN_SUPERSEDED', 'a newer note replaced this plan');
    // The corrected steps replace this note's own unfinished steps (history stays as cancelled rows).
    await cancelUnfinished(ctx, uow, [noteId]);
    await storeSteps(ctx, uow, noteId, steps, { extractor: 'doctor', model: null });
    uow.audit(doctor.id, 'steps.correct', `note:${noteId}`);
  });
  return getStepsOfNote(ctx, doctor.id, noteId);
}

/** The patient's active plan: the newest note whose steps are ready, with its live items. */
export async function getSteps(ctx: AppContext, reader: User, patientId: string) {
  await authorizePatientRecord(ctx, reader, patientId);
  const [note] = await ctx.db
    .select()
    .from(notes)
    .where(and(eq(notes.patientId, patientId), eq(notes.status, 'ready')))
    .orderBy(desc(notes.createdAt))
    .limit(1);
  if (!note?.wrappedKeys[reader.id])
    return { noteId: null, status: 'none', extractor: null, model: null, checklist: [], plan: [] };
  return getStepsOfNote(ctx, reader.id, note.id);
}

async function getStepsOfNote(ctx: AppContext, readerId: string, noteId: string) {
  const [note] = await ctx.db.select().from(notes).where(eq(notes.id, noteId));
  const cl = await ctx.db
    .select()
    .from(checklistItems)
    .where(and(eq(checklistItems.noteId, noteId), ne(checklistItems.status, 'cancelled')))
    .orderBy(asc(checklistItems.position));
  const pl = await ctx.db
    .select()
    .from(planItems)
    .where(and(eq(planItems.noteId, noteId), ne(planItems.status, 'cancelled')))
    .orderBy(asc(planItems.position));
  const texts = await stepTexts(ctx, readerId, { checklist: cl.map((i) => i.id), plan: pl.map((i) => i.id) });
  return {
    noteId,
    status: note!.status,
    extractor: note!.extractor,
    model: note!.model,
    checklist: cl.map((i) => withText(checklistStub(i), texts)),
    plan: pl.map((p) => withText(planStub(p), texts)),
  };
}

/** `steps:ready` hydrator: the stored stubs plus each item's text for this recipient. */
export async function hydrateStepsReady(ctx: AppContext, userId: string, stored: Record<string, unknown>) {
  const s = stored as { checklist: Array<{ id: string }>; plan: Array<{ id: string }> };
  const texts = await stepTexts(ctx, userId, {
    checklist: s.checklist.map((i) => i.id),
    plan: s.plan.map((i) => i.id),
  });
  return {
    ...stored,
    checklist: s.checklist.map((i) => withText(i, texts)),
    plan: s.plan.map((i) => withText(i, texts)),
  };
}
