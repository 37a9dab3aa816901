// Reading a patient's active plan: the newest note whose steps are ready, with its live items,
// rendered for the reader the way `steps:ready` renders them.
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { checklistItems, notes, planItems, type User } from '../db/schema.js';
import { checklistStub, planStub, renderSteps } from '../events/render/steps.js';
import { loadTexts } from '../sealed/texts.js';
import { canReadSteps } from '../policies.js';
import { authorizePatientRecord } from '../users/loadPatient.js';

const NONE = { noteId: null, status: 'none', extractor: null, model: null, checklist: [], plan: [] };

export async function readSteps(ctx: AppContext, reader: User, patientId: string) {
  await authorizePatientRecord(ctx, reader, patientId, canReadSteps);
  const [note] = await ctx.db
    .select()
    .from(notes)
    .where(and(eq(notes.patientId, patientId), eq(notes.status, 'ready')))
    .orderBy(desc(notes.createdAt))
    .limit(1);
  if (!note?.wrappedKeys[reader.id]) return NONE;
  return readStepsOfNote(ctx, reader.id, note.id);
}

export async function readStepsOfNote(ctx: AppContext, readerId: string, noteId: string) {
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
  const texts = await loadTexts(ctx, readerId, { checklist: cl.map((i) => i.id), plan: pl.map((i) => i.id) });
  const stub = { checklist: cl.map(checklistStub), plan: pl.map(planStub) };
  return { noteId, status: note!.status, extractor: note!.extractor, model: note!.model, ...renderSteps(stub, texts) };
}
