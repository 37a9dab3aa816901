// Storing steps for a note, as an extractor or a correcting doctor produced them: its status,
// items, reminders, the earlier plan's cancellation, events and audit, in the caller's unit of
// work. The first statement marks the note ready — that is also its row lock — and reads whether
// a newer note is already ready, in which case this note's steps are born cancelled.
import { randomUUID } from 'node:crypto';
import { and, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { type ChecklistItem, type Note, notes, type PlanItem, planItems, checklistItems } from '../db/schema.js';
import { checklistStub, planStub } from '../events/render/steps.js';
import { currentDoctor, emitToCare } from '../events/recipients.js';
import type { UnitOfWork } from '../events/unitOfWork.js';
import type { Extraction } from '../extraction/schema.js';
import { createReminders, intervalFor } from '../reminders/planning.js';
import { scheduleNearTerm } from '../reminders/scheduling.js';
import { dataKeyFor, sealStep } from '../sealed/cipher.js';
import { cancelEarlierPlans } from './cancelPlan.js';
import { newerNoteReady } from './noteOrder.js';

/** Who produced a note's steps: an extractor (and its model), or 'doctor' for a correction. */
export interface StepsSource {
  extractor: string;
  model: string | null;
}

/**
 * With `fromStatus` only a note in one of those statuses is marked, and null is returned for any
 * other (a late or duplicate extraction). `dek` is the note's data key when the caller already
 * opened it (the extraction worker has). `firstDueAt` sets when each plan item's first reminder is
 * due (test factories); by default it is one interval from now.
 */
export async function storeSteps(
  ctx: AppContext,
  uow: UnitOfWork,
  noteId: string,
  steps: Extraction,
  source: StepsSource,
  opts: { dek?: Buffer; fromStatus?: Array<Note['status']>; firstDueAt?: Date } = {},
) {
  const now = new Date();
  const which = opts.fromStatus
    ? and(eq(notes.id, noteId), inArray(notes.status, opts.fromStatus))
    : eq(notes.id, noteId);
  const [note] = await uow.tx
    .update(notes)
    .set({ status: 'ready', extractor: source.extractor, model: source.model, readyAt: now, failureReason: null })
    .where(which)
    .returning({ ...getTableColumns(notes), newer: newerNoteReady(noteId) });
  if (!note) return null;
  const newer = note.newer;
  const key = opts.dek ?? (await dataKeyFor({ db: uow.tx, keyring: ctx.keyring }, note, note.patientId));
  const texts = new Map<string, string>();
  const sealed = (kind: 'checklist' | 'plan', text: string) => {
    const id = randomUUID();
    texts.set(id, text);
    return {
      id,
      noteId: note.id,
      patientId: note.patientId,
      ...sealStep(key, note.id, note.patientId, kind, id, text),
    };
  };
  const clRows = steps.checklist.map((item, position) => ({
    ...sealed('checklist', item.text),
    position,
    status: newer ? ('cancelled' as const) : ('open' as const),
  }));
  const plRows = steps.plan.map((item, position) => {
    const intervalMs = intervalFor(ctx.config.scheduleDayMs, item.frequencyPerDay);
    return {
      ...sealed('plan', item.text),
      position,
      status: newer ? ('cancelled' as const) : ('active' as const),
      frequencyPerDay: item.frequencyPerDay,
      durationDays: item.durationDays,
      requiredCheckins: item.frequencyPerDay * item.durationDays,
      intervalMs,
      startsAt: opts.firstDueAt ?? new Date(now.getTime() + intervalMs),
    };
  });
  const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;
  const cl: ChecklistItem[] = clRows.length
    ? (await uow.tx.insert(checklistItems).values(clRows).returning()).sort(byPosition)
    : [];
  const pl: PlanItem[] = plRows.length
    ? (await uow.tx.insert(planItems).values(plRows).returning()).sort(byPosition)
    : [];
  const scheduled = await createReminders(uow.tx, pl);
  // The note's author may be a doctor the patient has left since (a late extraction): the
  // doctor's copies go to the current one. Read after the note's lock, as every writer orders them.
  const doctorId = await currentDoctor(uow.tx, note.patientId, { lock: true });
  if (!newer) await cancelEarlierPlans(ctx, uow, note, doctorId);
  const stub = {
    noteId: note.id,
    patientId: note.patientId,
    extractor: source.extractor,
    model: source.model,
    checklist: cl.map(checklistStub),
    plan: pl.map(planStub),
  };
  // The texts in hand go to whoever holds a wrap of this note's key; a new doctor gets them empty.
  emitToCare(uow, { patientId: note.patientId, doctorId }, 'steps:ready', stub, { texts, note });
  uow.afterCommit(() => scheduleNearTerm(ctx, scheduled));
  return { checklist: cl, plan: pl };
}
