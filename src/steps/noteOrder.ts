// "Newer/earlier than this note", decided on the stored created_at: it has microseconds while a
// JS Date has milliseconds, so comparing with note.createdAt counted a note as newer than itself.
import { sql } from 'drizzle-orm';
import { notes } from '../db/schema.js';

export const createdAtOf = (noteId: string) => sql`(select n2.created_at from notes n2 where n2.id = ${noteId})`;

/** Whether a newer note of the same patient is already ready (SQL, for a statement on `notes`). */
export const newerNoteReady = (noteId: string) => sql<boolean>`exists (select 1 from ${notes} n3
  where n3.patient_id = ${notes}.patient_id and n3.created_at > ${createdAtOf(noteId)} and n3.status = 'ready')`;
