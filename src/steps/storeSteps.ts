// Storing an extraction's steps for a note: its status, items, reminders, the earlier plan's
// stopping, events and audit, in the caller's unit of work. The first statement marks the note
// ready or needs_review — that is also its row lock — and reads whether a newer note already
// replaced the plan, in which case this note's plan items are born stopped.
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { checklistItems, type Note, notes, planItems, unclearItems, users } from '../db/schema.js';
import { currentDoctor, emitToCare } from '../events/recipients.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import type { SafetyResult } from '../extraction/safety.js';
import { clockOf } from '../doses/patientClock.js';
import { firstDose } from '../doses/schedule.js';
import { createReminders } from '../doses/planning.js';
import { scheduleNearTerm } from '../doses/scheduling.js';
import { dataKeyFor } from '../sealed/cipher.js';
import { newerPlanReplaced } from './noteOrder.js';
import { stepsStubOf } from './readSteps.js';
import { checklistRow, planRow, unclearRow } from './stepRows.js';
import { stopEarlierPlans } from './stopPlan.js';

/** Who produced a note's steps: an extractor (and its model), or 'doctor' for a correction. */
export interface StepsSource {
  extractor: string;
  model: string | null;
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/**
 * With `fromStatus` only a note in one of those statuses is marked, and null is returned for any
 * other (a late or duplicate extraction). `dek` is the note's data key when the caller already
 * opened it (the extraction worker has). `firstDueAt` sets when each plan item's first reminder is
 * due (test factories). Held items (high-alert), and every item when the doctor reviews before
 * start, are drafts until the doctor confirms; unclear parts make the note needs_review.
 */
export async function storeSteps(
  ctx: AppContext,
  uow: UnitOfWork,
  noteId: string,
  checked: SafetyResult,
  source: StepsSource,
  opts: { dek?: Buffer; fromStatus?: Array<Note['status']>; firstDueAt?: Date } = {},
) {
  const { steps, holds } = checked;
  const now = new Date();
  const dayMs = ctx.config.scheduleDayMs;
  const which = opts.fromStatus
    ? and(eq(notes.id, noteId), inArray(notes.status, opts.fromStatus))
    : eq(notes.id, noteId);
  const reviewAll = sql<boolean>`(select ${users.reviewBeforeStart} from ${users} where ${users.id} = ${notes.doctorId})`;
  const waits = steps.unclear.length > 0 || holds.length > 0;
  const [note] = await uow.tx
    .update(notes)
    .set({
      status: sql`case when ${waits} or ${reviewAll} then 'needs_review' else 'ready' end`,
      extractor: source.extractor,
      model: source.model,
      readyAt: now,
      failureReason: null,
    })
    .where(which)
    .returning({ ...getTableColumns(notes), newer: newerPlanReplaced(noteId), reviewAll });
  if (!note) return null;
  const key = opts.dek ?? (await dataKeyFor({ db: uow.tx, keyring: ctx.keyring }, note, note.patientId));
  const sealer = { dek: key, noteId: note.id, patientId: note.patientId, texts: new Map<string, string>() };
  const held = new Set(holds);
  const statusOf = (i: number) =>
    note.newer ? ('stopped' as const) : note.reviewAll || held.has(i) ? ('draft' as const) : ('active' as const);
  const clock = await clockOf(uow.tx, note.patientId);
  const clRows = steps.checklist.map((item, i) => checklistRow(sealer, item, i, now, dayMs));
  const plRows = steps.plan.map((item, i) =>
    planRow(sealer, item, i, statusOf(i), firstDose(item.timing, clock, now, dayMs, opts.firstDueAt), dayMs),
  );
  const unRows = steps.unclear.map((part, i) => unclearRow(sealer, part, i));
  const cl = clRows.length ? (await uow.tx.insert(checklistItems).values(clRows).returning()).sort(byPosition) : [];
  const pl = plRows.length ? (await uow.tx.insert(planItems).values(plRows).returning()).sort(byPosition) : [];
  const un = unRows.length ? (await uow.tx.insert(unclearItems).values(unRows).returning()).sort(byPosition) : [];
  const scheduled = await createReminders(
    uow.tx,
    pl.filter((p) => p.status === 'active'),
    new Map([[note.patientId, clock]]),
    dayMs,
  );
  // The note's author may be a doctor the patient has left since (a late extraction): the
  // doctor's copies go to the current one. Read after the note's lock, as every writer orders them.
  const doctorId = await currentDoctor(uow.tx, note.patientId, { lock: true });
  // An empty plan never touches the running one; 'add' runs beside it; a plan that has not
  // started (all drafts) replaces it when the doctor confirms.
  if (!note.newer && note.mode === 'replace' && pl.some((p) => p.status === 'active'))
    await stopEarlierPlans(ctx, uow, note, doctorId);
  const stub = stepsStubOf(note, { checklist: cl, plan: pl, unclear: un });
  // The texts in hand go to whoever holds a wrap of this note's key; a new doctor gets them empty.
  emitToCare(uow, { patientId: note.patientId, doctorId }, 'steps:ready', stub, { texts: sealer.texts, note });
  if (note.status === 'needs_review')
    emitToCare(uow, { patientId: note.patientId, doctorId }, 'steps:review', stub, {
      texts: sealer.texts,
      note,
      patient: false,
    });
  uow.afterCommit(() => scheduleNearTerm(ctx, scheduled));
  return { checklist: cl, plan: pl, unclear: un };
}
