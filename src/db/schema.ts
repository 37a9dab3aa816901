// Drizzle schema (DESIGN.md §3). Text a patient or doctor wrote, or that was extracted from it,
// exists here only as AES-256-GCM ciphertext (ciphertext/iv/tag); see src/crypto.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const sealedColumns = () => ({
  ciphertext: text('ciphertext').notNull(),
  iv: text('iv').notNull(),
  tag: text('tag').notNull(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  firebaseUid: text('firebase_uid').notNull().unique(),
  role: text('role', { enum: ['doctor', 'patient'] }).notNull(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  publicKey: text('public_key').notNull(),
  wrappedPrivateKey: text('wrapped_private_key').notNull(),
  createdAt: createdAt(),
});

export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => users.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => users.id),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    // One active doctor per patient; ended assignments stay as history.
    uniqueIndex('assignments_one_active_per_patient').on(t.patientId).where(sql`${t.active}`),
    index('assignments_doctor_idx').on(t.doctorId, t.active),
  ],
);

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
    status: text('status', { enum: ['pending', 'processing', 'ready', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    extractor: text('extractor'),
    model: text('model'),
    failureReason: text('failure_reason'),
    createdAt: createdAt(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    seenAt: timestamp('seen_at', { withTimezone: true }),
  },
  (t) => [index('notes_patient_idx').on(t.patientId, t.createdAt)],
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
    position: integer('position').notNull(),
    status: text('status', { enum: ['open', 'done', 'cancelled'] })
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
    position: integer('position').notNull(),
    frequencyPerDay: integer('frequency_per_day').notNull(),
    durationDays: integer('duration_days').notNull(),
    requiredCheckins: integer('required_checkins').notNull(),
    completedCheckins: integer('completed_checkins').notNull().default(0),
    missedCount: integer('missed_count').notNull().default(0),
    /** day / frequencyPerDay at planning time, so a later SCHEDULE_DAY_MS change cannot reshape a running plan. */
    intervalMs: integer('interval_ms').notNull(),
    status: text('status', { enum: ['active', 'completed', 'cancelled'] })
      .notNull()
      .default('active'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('plan_patient_idx').on(t.patientId, t.status), index('plan_note_idx').on(t.noteId, t.position)],
);

export const occurrences = pgTable(
  'occurrences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planItemId: uuid('plan_item_id')
      .notNull()
      .references(() => planItems.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => users.id),
    seq: integer('seq').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['scheduled', 'due', 'checked_in', 'missed', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    uniqueIndex('occurrences_item_seq').on(t.planItemId, t.seq),
    index('occurrences_status_due_idx').on(t.status, t.dueAt),
    index('occurrences_patient_idx').on(t.patientId, t.dueAt),
  ],
);

export const pushSubscriptions = pgTable('push_subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  endpoint: text('endpoint').notNull().unique(),
  p256dh: text('p256dh').notNull(),
  auth: text('auth').notNull(),
  createdAt: createdAt(),
});

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    /** The patient whose care the event is about (null for none): the timeline reads by it. */
    patientId: uuid('patient_id').references(() => users.id),
    /** Ids and non-secret fields only; text is filled in from sealed rows at delivery (DESIGN.md §6). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('events_user_seq').on(t.userId, t.seq),
    index('events_user_patient_seq').on(t.userId, t.patientId, t.seq),
  ],
);

/** Per-user outbox counter (next seq) and the device read-receipt watermark. */
export const eventCursors = pgTable('event_cursors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  lastSeq: integer('last_seq').notNull().default(0),
  ackedSeq: integer('acked_seq').notNull().default(0),
});

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  actorId: uuid('actor_id'),
  action: text('action').notNull(),
  subject: text('subject').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/**
 * The head of the audit chain: one row whose hash is the newest entry's. Appending updates it (the
 * row lock serialises appenders, and a waiting appender re-reads the committed head) and inserts
 * the entry in the same statement.
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  prevHash: text('prev_hash'),
  hash: text('hash').notNull(),
});

export type User = typeof users.$inferSelect;
export type Note = typeof notes.$inferSelect;
export type ChecklistItem = typeof checklistItems.$inferSelect;
export type PlanItem = typeof planItems.$inferSelect;
export type Occurrence = typeof occurrences.$inferSelect;
export type EventRow = typeof events.$inferSelect;
