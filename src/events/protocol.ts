// The event catalogue (DESIGN.md §5): what each server → client event carries once rendered for
// its recipient. Typed once and shared by the server, the tests and (through JSDoc) the demo client.
import type { Timing } from '../extraction/schema.js';

export interface EventEnvelope {
  eventId: string;
  seq: number;
  at: string;
}

export interface NoteView {
  id: string;
  patientId: string;
  doctorId: string;
  content: string;
  status: string;
  mode: string;
  createdAt: string;
}
export interface ChecklistView {
  id: string;
  noteId: string;
  text: string;
  source: string;
  done: boolean;
  status: string;
  dueAt: string | null;
}
export interface PlanItemView {
  id: string;
  noteId: string;
  text: string;
  source: string;
  asNeeded: boolean;
  timing: Timing | null;
  requiredCheckins: number;
  completedCheckins: number;
  missedCount: number;
  skippedCount: number;
  extendedCount: number;
  /** draft: waiting for the doctor; active; completed; incomplete; stopped. */
  status: string;
  startsAt: string;
}
/** A plan item as a dose's outcome shows it: its counts and text, without the source phrase. */
export type PlanItemOutcomeView = Omit<PlanItemView, 'source'>;
export interface UnclearView {
  id: string;
  noteId: string;
  source: string;
  reason: string;
  status: string;
}
/** A note's steps as read, and as `steps:ready` / `steps:review` / `plan:changed` carry them. */
export interface StepsView {
  noteId: string;
  patientId: string;
  status: string;
  mode: string;
  extractor: string;
  model: string | null;
  checklist: ChecklistView[];
  plan: PlanItemView[];
  unclear: UnclearView[];
}
export interface ReminderView {
  id: string;
  planItemId: string;
  text: string;
  dueAt: string;
  status: string;
  attempts: number;
}

/** A dose on the patient's clock (DESIGN §3, §8): `localDate`/`localTime` in their zone. */
export interface DoseView {
  id: string;
  planItemId: string;
  seq: number;
  text: string;
  dueAt: string;
  localDate: string | null;
  localTime: string | null;
  windowEndsAt: string | null;
  /** scheduled, due, taken, late, skipped, missed, cancelled. */
  status: string;
  attempts: number;
  nudges: number;
  takenAt: string | null;
  skipReason: string | null;
  snoozedUntil: string | null;
}
export interface AlertView {
  id: string;
  patientId: string;
  planItemId: string;
  kind: string;
  misses: number;
  createdAt: string;
  acknowledgedAt: string | null;
}
export interface PrnDoseView {
  id: string;
  planItemId: string;
  takenAt: string;
  overMax: boolean;
}
type DoseOutcome = { dose: DoseView; planItem: PlanItemOutcomeView };
/** A message in the thread of a patient and their doctor; `readAt`: the other side's receipt. */
export interface MessageView {
  id: string;
  patientId: string;
  doctorId: string;
  authorId: string;
  text: string;
  createdAt: string;
  readAt: string | null;
}
/** A read receipt: the reader has read these messages (all of the other side's, up to one). */
export interface MessagesReadView {
  patientId: string;
  doctorId: string;
  readerId: string;
  messageIds: string[];
  readAt: string;
}

export interface EventData {
  'patient:assigned': { patient: { id: string; name: string } };
  'patient:unassigned': { patient: { id: string; name: string } };
  'note:new': { note: NoteView };
  'steps:ready': StepsView;
  'steps:review': StepsView;
  'plan:changed': StepsView & { changes: { added: string[]; changed: string[]; removed: string[] } };
  'steps:failed': { noteId: string; patientId: string; reason: string };
  'plan:cancelled': { patientId: string; noteId: string; byNoteId: string };
  'reminder:due': { reminder: { id: string; planItemId: string; text: string; dueAt: string; attempt: number } };
  'reminder:checked-in': { reminder: ReminderView; planItem: PlanItemOutcomeView };
  'reminder:missed': { reminder: ReminderView; planItem: PlanItemOutcomeView };
  'plan:completed': { planItem: PlanItemOutcomeView };
  /** due: the dose's time; nudge: a reminder inside its window; snooze: the snooze is over. */
  'dose:due': { dose: DoseView; kind: 'due' | 'nudge' | 'snooze' };
  'dose:taken': DoseOutcome;
  'dose:skipped': DoseOutcome;
  'dose:missed': DoseOutcome;
  'dose:snoozed': { dose: DoseView };
  'plan:incomplete': { planItem: PlanItemOutcomeView };
  'adherence:alert': { alert: AlertView; planItem: PlanItemOutcomeView };
  /** The doctor's other devices and tabs drop the alert from their list (no text in it). */
  'alert:acknowledged': { alert: AlertView };
  'prn:taken': { prnDose: PrnDoseView; planItem: PlanItemOutcomeView; today: number; maxPerDay: number | null };
  'checklist:done': { item: ChecklistView; noteId: string; patientId: string };
  'note:seen': { noteId: string; patientId: string; seenAt: string };
  'message:new': { message: MessageView };
  'message:read': MessagesReadView;
}
export type EventType = keyof EventData;
export const EVENT_TYPES = [
  'patient:assigned',
  'patient:unassigned',
  'note:new',
  'steps:ready',
  'steps:review',
  'plan:changed',
  'steps:failed',
  'plan:cancelled',
  'plan:completed',
  'dose:due',
  'dose:taken',
  'dose:skipped',
  'dose:missed',
  'dose:snoozed',
  'plan:incomplete',
  'adherence:alert',
  'alert:acknowledged',
  'prn:taken',
  'checklist:done',
  'note:seen',
  'message:new',
  'message:read',
] as const satisfies readonly EventType[];

/**
 * v1's dose events, no longer emitted (dose:due, dose:taken and dose:missed took their place); rows
 * stored before v2 still replay and show in the timeline through their renderers.
 */
export const LEGACY_EVENT_TYPES = [
  'reminder:due',
  'reminder:checked-in',
  'reminder:missed',
] as const satisfies readonly EventType[];

export interface SyncedEvent {
  type: EventType;
  payload: EventEnvelope & Record<string, unknown>;
}
