// Who uses Carebeat: accounts (with their key pair), doctor–patient assignments, push subscriptions.
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  firebaseUid: text('firebase_uid').notNull().unique(),
  role: text('role', { enum: ['doctor', 'patient', 'admin'] }).notNull(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  publicKey: text('public_key').notNull(),
  wrappedPrivateKey: text('wrapped_private_key').notNull(),
  /** A doctor's choice: every note's plan waits for their confirmation before it starts. */
  reviewBeforeStart: boolean('review_before_start').notNull().default(false),
  /** A doctor who signed up with an admin's invite (or in open signup); patients see only these. */
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
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

/** A patient's clock (DESIGN §3, §8): their zone, waking day and whether nights are quiet. */
export const patientSettings = pgTable('patient_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  /** IANA zone name, checked by luxon when written. */
  timezone: text('timezone').notNull().default('UTC'),
  wakeTime: text('wake_time').notNull().default('07:00'),
  sleepTime: text('sleep_time').notNull().default('22:30'),
  quietHours: boolean('quiet_hours').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use, expiring doctor invites (DESIGN §3): only the token's SHA-256 is stored. */
export const doctorInvites = pgTable('doctor_invites', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  email: text('email').notNull(),
  /** The admin who created it; null when created by `npm run doctors:invite`. */
  createdBy: uuid('created_by').references(() => users.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedBy: uuid('used_by').references(() => users.id),
  createdAt: createdAt(),
});
