// A plan item's doses on the patient's clock (DESIGN §3, §8), the as-needed doses a patient logs,
// and the adherence alerts the doctor acknowledges. The table keeps its v1 name `reminders`: each
// row is one dose, and its delivery chain (due, nudges, expiry) is driven from `next_attempt_at`.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { planItems } from './care.js';
import { users } from './people.js';

export const DOSE_STATUSES = ['scheduled', 'due', 'taken', 'late', 'skipped', 'missed', 'cancelled'] as const;
export const SKIP_REASONS = ['side_effects', 'unwell', 'no_supply', 'doctor_advised', 'other'] as const;

export const reminders = pgTable(
  'reminders',
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
    /** The patient's wall clock at `dueAt` when it was planned ('YYYY-MM-DD', 'HH:MM'). */
    localDate: text('local_date'),
    localTime: text('local_time'),
    /** The window closes at the next dose or after 12 h, whichever first; then the dose is missed. */
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }),
    status: text('status', { enum: DOSE_STATUSES }).notNull().default('scheduled'),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    /** A fixed list, not free text: nothing the patient types is stored in the clear. */
    skipReason: text('skip_reason', { enum: SKIP_REASONS }),
    /** Steps of the delivery chain done (due, nudges, snooze, expiry); the next is attempts + 1. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    nudges: integer('nudges').notNull().default(0),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('reminders_item_seq').on(t.planItemId, t.seq),
    index('reminders_status_due_idx').on(t.status, t.dueAt),
    index('reminders_patient_idx').on(t.patientId, t.dueAt),
    // The sweeps' claim: live doses by the time of their next step, in claim order (doses/claim.ts).
    index('reminders_next_step_idx').on(t.nextAttemptAt, t.patientId, t.id).where(sql`status in ('scheduled', 'due')`),
  ],
);

export const prnDoses = pgTable(
  'prn_doses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planItemId: uuid('plan_item_id')
      .notNull()
      .references(() => planItems.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => users.id),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    /** Logged although the note's maximum for the day was reached (the patient was warned). */
    overMax: integer('over_max').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('prn_item_idx').on(t.planItemId, t.takenAt)],
);

export const adherenceAlerts = pgTable(
  'adherence_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => users.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => users.id),
    planItemId: uuid('plan_item_id')
      .notNull()
      .references(() => planItems.id),
    kind: text('kind', { enum: ['missed_doses', 'incomplete'] }).notNull(),
    /** How many doses in a row were missed when it was raised. */
    misses: integer('misses').notNull().default(0),
    createdAt: createdAt(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [index('alerts_doctor_idx').on(t.doctorId, t.acknowledgedAt), index('alerts_patient_idx').on(t.patientId)],
);
