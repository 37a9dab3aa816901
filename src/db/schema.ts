// Drizzle schema (DESIGN.md §3), one module for db/client.ts and drizzle-kit; the tables are
// defined by area in tables/. Text a patient or doctor wrote, or that was extracted from it,
// exists here only as AES-256-GCM ciphertext (ciphertext/iv/tag); see src/crypto.
import type { checklistItems, notes, reminders, planItems, unclearItems } from './tables/care.js';
import type { events } from './tables/events.js';
import type { patientSettings, users } from './tables/people.js';

export { assignments, patientSettings, pushSubscriptions, users } from './tables/people.js';
export { checklistItems, notes, reminders, planItems, unclearItems } from './tables/care.js';
export { auditHead, auditLog, eventCursors, events } from './tables/events.js';

export type User = typeof users.$inferSelect;
export type PatientSettings = typeof patientSettings.$inferSelect;
export type Note = typeof notes.$inferSelect;
export type ChecklistItem = typeof checklistItems.$inferSelect;
export type PlanItem = typeof planItems.$inferSelect;
export type UnclearItem = typeof unclearItems.$inferSelect;
export type Reminder = typeof reminders.$inferSelect;
export type EventRow = typeof events.$inferSelect;
