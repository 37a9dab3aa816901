// A doctor's notes and the steps extracted from them: checklist items, plan items and unclear parts.
// The doses of a plan item are in doses.ts.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Timing } from '../../extraction/schema.js';
import { createdAt, sealedColumns, sealedSourceColumns } from './columns.js';
import { users } from './people.js';

export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => users.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => users.id),
    ...sealedColumns(),
    wrappedKeys: jsonb('wrapped_keys').$type<Record<string, string>>().notNull(),
    status: text('status', { enum: ['pending', 'processing', 'ready', 'needs_review', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    /** replace: a plan in this note stops the earlier plan items; add: they run on beside it. */
    mode: text('mode', { enum: ['replace', 'add'] })
      .notNull()
      .default('replace'),
    extractor: text('extractor'),
    model: text('model'),
    failureReason: text('failure_reason'),
    createdAt: createdAt(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    seenAt: timestamp('seen_at', { withTimezone: true }),
  },
  (t) => [
    index('notes_patient_idx').on(t.patientId, t.createdAt),
    // The notes' reconciliation pass (notes/requeueNotes.ts) reads the unfinished ones every 5 s.
    index('notes_unfinished_idx').on(t.createdAt).where(sql`status in ('pending', 'processing')`),
  ],
);

export const checklistItems = pgTable(
  'checklist_items',
  {
    id: uuid('id').primaryKey(),
    noteId: uuid('note_id')
      .notNull()
      .references(() => notes.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => users.id),
    ...sealedColumns(),
    ...sealedSourceColumns(),
    position: integer('position').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    status: text('status', { enum: ['open', 'done', 'removed'] })
      .notNull()
      .default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('checklist_patient_idx').on(t.patientId, t.status),
    // A note's steps are read and cancelled by note id.
    index('checklist_note_idx').on(t.noteId, t.position),
  ],
);

export const planItems = pgTable(
  'plan_items',
  {
    id: uuid('id').primaryKey(),
    noteId: uuid('note_id')
      .notNull()
      .references(() => notes.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => users.id),
    ...sealedColumns(),
    ...sealedSourceColumns(),
    position: integer('position').notNull(),
    asNeeded: boolean('as_needed').notNull().default(false),
    /** DESIGN §7's timing (FHIR Timing.repeat-shaped); null only for an as-needed item. */
    timing: jsonb('timing').$type<Timing | null>(),
    requiredCheckins: integer('required_checkins').notNull(),
    completedCheckins: integer('completed_checkins').notNull().default(0),
    missedCount: integer('missed_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    /** Doses added at the end for missed or skipped ones; at most `requiredCheckins` (§8). */
    extendedCount: integer('extended_count').notNull().default(0),
    /** day / frequencyPerDay at planning time, so a later SCHEDULE_DAY_MS change cannot reshape a running plan. */
    intervalMs: integer('interval_ms').notNull(),
    /** draft: waits for the doctor's confirmation (unclear note, high-alert schedule, review before start). */
    status: text('status', { enum: ['draft', 'active', 'completed', 'incomplete', 'stopped'] })
      .notNull()
      .default('active'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    /**
     * The first dose on the patient's clock. It equals `startsAt` unless SCHEDULE_DAY_MS compresses
     * days: then the clock runs faster, pinned at (startsAt, wallStartsAt) (doses/dayScale.ts).
     */
    wallStartsAt: timestamp('wall_starts_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('plan_patient_idx').on(t.patientId, t.status), index('plan_note_idx').on(t.noteId, t.position)],
);

/** Parts of a note no extractor could turn into a safe step; they wait for the doctor. */
export const unclearItems = pgTable(
  'unclear_items',
  {
    id: uuid('id').primaryKey(),
    noteId: uuid('note_id')
      .notNull()
      .references(() => notes.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => users.id),
    /** Sealed JSON {source, reason}: the reason names the drug. */
    ...sealedColumns(),
    position: integer('position').notNull(),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('unclear_note_idx').on(t.noteId, t.position)],
);
