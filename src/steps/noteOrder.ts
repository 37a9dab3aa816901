// "Newer/earlier than this note", decided on the stored created_at: it has microseconds while a
// JS Date has milliseconds, so comparing with note.createdAt counted a note as newer than itself.
import { sql } from 'drizzle-orm';
import { notes } from '../db/schema.js';

export const createdAtOf = (noteId: string) => sql`(select n2.created_at from notes n2 where n2.id = ${noteId})`;

/**
 * Whether a newer note of the same patient has already replaced the plan (SQL, for a statement on
 * `notes`): finished extracting, mode 'replace', with plan items. A newer note with an empty plan,
 * or one that adds, replaces nothing.
 */
export const newerPlanReplaced = (noteId: string) => sql<boolean>`exists (select 1 from ${notes} n3
  where n3.patient_id = ${notes}.patient_id and n3.created_at > ${createdAtOf(noteId)}
    and n3.status in ('ready', 'needs_review') and n3.mode = 'replace'
    and exists (select 1 from plan_items p3 where p3.note_id = n3.id))`;
