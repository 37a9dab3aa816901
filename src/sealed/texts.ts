// Opens the texts a set of events or reads needs, for one reader, from the sealed rows: notes'
// content, checklist/plan item texts and messages, keyed by their (globally unique) ids. A text the reader
// holds no key wrap for (a note by the patient's earlier doctor) is left out, never an error.
import { inArray } from 'drizzle-orm';
import type { MasterKeyring } from '../crypto/index.js';
import type { DbOrTx } from '../db/client.js';
import { checklistItems, messages, type Note, notes, planItems, unclearItems } from '../db/schema.js';
import { dataKeyFor, openNote, openSource, openStep } from './cipher.js';
import { openMessage } from './messages.js';

/** Which texts to open. */
export interface TextIds {
  notes?: string[];
  checklist?: string[];
  plan?: string[];
  unclear?: string[];
  messages?: string[];
}

/**
 * Id (note, checklist item or plan item) → plaintext, for one reader; a step's source phrase is
 * under `source:<id>`, an unclear part's sealed JSON {source, reason} under its own id.
 */
export type Texts = ReadonlyMap<string, string>;

export const noTexts: Texts = new Map();

type Ctx = { db: DbOrTx; keyring: MasterKeyring };

const unique = (ids: string[] | undefined) => [...new Set(ids ?? [])];

export async function loadTexts(ctx: Ctx, readerId: string, ids: TextIds): Promise<Map<string, string>> {
  const out = await loadMessages(ctx, readerId, unique(ids.messages));
  const [noteIds, clIds, plIds, unIds] = [
    unique(ids.notes),
    unique(ids.checklist),
    unique(ids.plan),
    unique(ids.unclear),
  ];
  const cl = clIds.length ? await ctx.db.select().from(checklistItems).where(inArray(checklistItems.id, clIds)) : [];
  const pl = plIds.length ? await ctx.db.select().from(planItems).where(inArray(planItems.id, plIds)) : [];
  const un = unIds.length ? await ctx.db.select().from(unclearItems).where(inArray(unclearItems.id, unIds)) : [];
  const steps = [...cl, ...pl, ...un];
  const wanted = [...new Set([...noteIds, ...steps.map((i) => i.noteId)])];
  if (wanted.length === 0) return out;
  const noteRows = await ctx.db.select().from(notes).where(inArray(notes.id, wanted));
  const keys = new Map<string, Buffer>();
  for (const n of noteRows) {
    if (n.wrappedKeys[readerId]) keys.set(n.id, await dataKeyFor(ctx, n as Pick<Note, 'id' | 'wrappedKeys'>, readerId));
  }
  const asked = new Set(noteIds);
  for (const n of noteRows) if (asked.has(n.id) && keys.has(n.id)) out.set(n.id, openNote(keys.get(n.id)!, n));
  for (const [kind, rows] of [
    ['checklist', cl],
    ['plan', pl],
  ] as const)
    for (const i of rows) {
      const key = keys.get(i.noteId);
      if (!key) continue;
      out.set(i.id, openStep(key, kind, i));
      out.set(`source:${i.id}`, openSource(key, i));
    }
  for (const i of un) if (keys.has(i.noteId)) out.set(i.id, openStep(keys.get(i.noteId)!, 'unclear', i));
  return out;
}

/** Messages carry their own key wraps: each is opened through the reader's wrap, if it has one. */
async function loadMessages(ctx: Ctx, readerId: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  for (const m of await ctx.db.select().from(messages).where(inArray(messages.id, ids))) {
    if (m.wrappedKeys[readerId]) out.set(m.id, openMessage(await dataKeyFor(ctx, m, readerId), m));
  }
  return out;
}

/** The ids of several requests, merged (one load for a page of events). */
export function mergeTextIds(all: TextIds[]): TextIds {
  return {
    notes: all.flatMap((t) => t.notes ?? []),
    checklist: all.flatMap((t) => t.checklist ?? []),
    plan: all.flatMap((t) => t.plan ?? []),
    unclear: all.flatMap((t) => t.unclear ?? []),
    messages: all.flatMap((t) => t.messages ?? []),
  };
}
