// Reading steps, rendered for the reader the way `steps:ready` renders them. A patient's current
// steps span notes ('add' plans run beside earlier ones, checklist items stay until done or
// removed): every draft or active plan item, open checklist item and open unclear part, plus the
// newest note's finished ones. A plan item waiting for the doctor is a draft ("waiting for your doctor").
import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import {
  type ChecklistItem,
  checklistItems,
  type Note,
  notes,
  type PlanItem,
  planItems,
  type UnclearItem,
  unclearItems,
  type User,
} from '../db/schema.js';
import { checklistStub, planStub, renderSteps, type StepsStub, unclearStub } from '../events/render/steps.js';
import { loadTexts } from '../sealed/texts.js';
import { canReadSteps } from '../policies.js';
import { authorizePatientRecord } from '../users/loadPatient.js';

const NONE = { noteId: null, status: 'none', extractor: null, model: null, checklist: [], plan: [], unclear: [] };

export function stepsStubOf(
  note: Pick<Note, 'id' | 'patientId' | 'status' | 'mode' | 'extractor' | 'model'>,
  rows: { checklist: ChecklistItem[]; plan: PlanItem[]; unclear: UnclearItem[] },
): StepsStub {
  return {
    noteId: note.id,
    patientId: note.patientId,
    status: note.status,
    mode: note.mode,
    extractor: note.extractor ?? 'doctor',
    model: note.model,
    checklist: rows.checklist.map(checklistStub),
    plan: rows.plan.map(planStub),
    unclear: rows.unclear.map(unclearStub),
  };
}

export async function readSteps(ctx: AppContext, reader: User, patientId: string) {
  await authorizePatientRecord(ctx, reader, patientId, canReadSteps);
  // Audited before anything is opened for the reader, as every HTTP read of sealed text is.
  await auditOnce(ctx.db, reader.id, 'steps.read', `patient:${patientId}/steps`);
  const [note] = await ctx.db
    .select()
    .from(notes)
    .where(and(eq(notes.patientId, patientId), inArray(notes.status, ['ready', 'needs_review'])))
    .orderBy(desc(notes.createdAt))
    .limit(1);
  if (!note) return NONE;
  const checklist = await ctx.db
    .select()
    .from(checklistItems)
    .where(
      and(
        eq(checklistItems.patientId, patientId),
        or(
          eq(checklistItems.status, 'open'),
          and(eq(checklistItems.noteId, note.id), ne(checklistItems.status, 'removed')),
        ),
      ),
    )
    .orderBy(asc(checklistItems.createdAt), asc(checklistItems.position));
  const plan = await ctx.db
    .select()
    .from(planItems)
    .where(
      and(
        eq(planItems.patientId, patientId),
        or(
          inArray(planItems.status, ['draft', 'active']),
          and(eq(planItems.noteId, note.id), ne(planItems.status, 'stopped')),
        ),
      ),
    )
    .orderBy(asc(planItems.createdAt), asc(planItems.position));
  const unclear = await ctx.db
    .select()
    .from(unclearItems)
    .where(and(eq(unclearItems.patientId, patientId), eq(unclearItems.status, 'open')))
    .orderBy(asc(unclearItems.noteId), asc(unclearItems.position));
  return render(ctx, reader.id, note, { checklist, plan, unclear });
}

async function render(ctx: AppContext, readerId: string, note: Note, rows: Parameters<typeof stepsStubOf>[1]) {
  const ids = { checklist: rows.checklist.map((i) => i.id), plan: rows.plan.map((i) => i.id) };
  const texts = await loadTexts(ctx, readerId, { ...ids, unclear: rows.unclear.map((i) => i.id) });
  return renderSteps(stepsStubOf(note, rows), texts);
}

/** The live rows of a note's steps (what a correction edits). */
export async function liveStepsOf(db: AppContext['db'], noteId: string) {
  const checklist = await db
    .select()
    .from(checklistItems)
    .where(and(eq(checklistItems.noteId, noteId), ne(checklistItems.status, 'removed')))
    .orderBy(asc(checklistItems.position));
  const plan = await db
    .select()
    .from(planItems)
    .where(and(eq(planItems.noteId, noteId), ne(planItems.status, 'stopped')))
    .orderBy(asc(planItems.position));
  const unclear = await db
    .select()
    .from(unclearItems)
    .where(and(eq(unclearItems.noteId, noteId), eq(unclearItems.status, 'open')))
    .orderBy(asc(unclearItems.position));
  return { checklist, plan, unclear };
}

export async function readStepsOfNote(ctx: AppContext, readerId: string, noteId: string) {
  const [note] = await ctx.db.select().from(notes).where(eq(notes.id, noteId));
  return render(ctx, readerId, note!, await liveStepsOf(ctx.db, noteId));
}
