// Fills in step text for one reader from the sealed rows. Used by the steps endpoints and by the
// event hydrators, so stored events never need to carry text.
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { checklistItems, notes, planItems, type Note } from '../db/schema.js';
import { dataKeyFor, openStep } from './cipher.js';

type Ctx = Pick<AppContext, 'db' | 'keyring'>;

export async function stepTexts(
  ctx: Ctx,
  readerId: string,
  ids: { checklist?: string[]; plan?: string[] },
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const cl = ids.checklist?.length
    ? await ctx.db.select().from(checklistItems).where(inArray(checklistItems.id, ids.checklist))
    : [];
  const pl = ids.plan?.length ? await ctx.db.select().from(planItems).where(inArray(planItems.id, ids.plan)) : [];
  const noteIds = [...new Set([...cl, ...pl].map((i) => i.noteId))];
  if (noteIds.length === 0) return out;
  const noteRows = await ctx.db
    .select({ id: notes.id, wrappedKeys: notes.wrappedKeys })
    .from(notes)
    .where(inArray(notes.id, noteIds));
  const keys = new Map<string, Buffer>();
  for (const n of noteRows) {
    // A note by a patient's earlier doctor holds no wrap for the current one: its text stays closed.
    if (n.wrappedKeys[readerId]) keys.set(n.id, await dataKeyFor(ctx, n as Pick<Note, 'id' | 'wrappedKeys'>, readerId));
  }
  for (const i of cl) if (keys.has(i.noteId)) out.set(i.id, openStep(keys.get(i.noteId)!, 'checklist', i));
  for (const i of pl) if (keys.has(i.noteId)) out.set(i.id, openStep(keys.get(i.noteId)!, 'plan', i));
  return out;
}
