// Drizzle schema (DESIGN.md §3), one module for db/client.ts and drizzle-kit; the tables are
// defined by area in tables/. Text a patient or doctor wrote, or that was extracted from it,
// exists here only as AES-256-GCM ciphertext (ciphertext/iv/tag); see src/crypto.
import type { checklistItems, notes, planItems, unclearItems } from './tables/care.js';
import type { adherenceAlerts, prnDoses, reminders } from './tables/doses.js';
import type { events } from './tables/events.js';
import type { messages } from './tables/messages.js';
import type { doctorInvites, patientSettings, users } from './tables/people.js';

export { assignments, doctorInvites, patientSettings, pushSubscriptions, users } from './tables/people.js';
export { checklistItems, notes, planItems, unclearItems } from './tables/care.js';
export { adherenceAlerts, DOSE_STATUSES, prnDoses, reminders, SKIP_REASONS } from './tables/doses.js';
export { auditHead, auditLog, eventCursors, events } from './tables/events.js';
export { messages } from './tables/messages.js';

export type User = typeof users.$inferSelect;
export type PatientSettings = typeof patientSettings.$inferSelect;
export type Note = typeof notes.$inferSelect;
export type ChecklistItem = typeof checklistItems.$inferSelect;
export type PlanItem = typeof planItems.$inferSelect;
export type UnclearItem = typeof unclearItems.$inferSelect;
export type Reminder = typeof reminders.$inferSelect;
export type PrnDose = typeof prnDoses.$inferSelect;
export type AdherenceAlert = typeof adherenceAlerts.$inferSelect;
export type DoctorInvite = typeof doctorInvites.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type Message = typeof messages.$inferSelect;
