// Two-way messages in the thread of a patient's care with one doctor. Sealed like notes: each
// message has its own data key, wrapped for its patient and its doctor only.
import { index, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, sealedColumns } from './columns.js';
import { users } from './people.js';

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => users.id),
    /** The doctor of the thread: the patient's current doctor when the message was sent. */
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => users.id),
    /** The patient or the doctor. */
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    ...sealedColumns(),
    wrappedKeys: jsonb('wrapped_keys').$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
    /** When the other side read it (their read receipt); null while unread. */
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    // The thread, newest first, paged by time; and the author's recent sends (the rate limit).
    index('messages_thread_idx').on(t.patientId, t.doctorId, t.createdAt),
    index('messages_author_idx').on(t.authorId, t.createdAt),
  ],
);
