// What happened: the per-user event outbox with its cursors, and the hash-chained audit log.
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './people.js';

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
