// The event catalogue (DESIGN.md §5): what each server → client event carries once rendered for
// its recipient. Typed once and shared by the server, the tests and (through JSDoc) the demo client.

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
  createdAt: string;
}
export interface ChecklistView {
  id: string;
  text: string;
  done: boolean;
  status: string;
}
export interface PlanItemView {
  id: string;
  text: string;
  frequencyPerDay: number;
  durationDays: number;
  requiredCheckins: number;
  completedCheckins: number;
  missedCount: number;
  status: string;
}
export interface ReminderView {
  id: string;
  planItemId: string;
  text: string;
  dueAt: string;
  status: string;
  attempts: number;
}

export interface EventData {
  'patient:assigned': { patient: { id: string; name: string } };
  'patient:unassigned': { patient: { id: string; name: string } };
  'note:new': { note: NoteView };
  'steps:ready': {
    noteId: string;
    patientId: string;
    extractor: string;
    model: string | null;
    checklist: ChecklistView[];
    plan: PlanItemView[];
  };
  'steps:failed': { noteId: string; patientId: string; reason: string };
  'plan:cancelled': { patientId: string; noteId: string; byNoteId: string };
  'reminder:due': { reminder: { id: string; planItemId: string; text: string; dueAt: string; attempt: number } };
  'reminder:checked-in': { reminder: ReminderView; planItem: PlanItemView };
  'reminder:missed': { reminder: ReminderView; planItem: PlanItemView };
  'plan:completed': { planItem: PlanItemView };
  'checklist:done': { item: ChecklistView; noteId: string; patientId: string };
  'note:seen': { noteId: string; patientId: string; seenAt: string };
}
export type EventType = keyof EventData;
export const EVENT_TYPES = [
  'patient:assigned',
  'patient:unassigned',
  'note:new',
  'steps:ready',
  'steps:failed',
  'plan:cancelled',
  'reminder:due',
  'reminder:checked-in',
  'reminder:missed',
  'plan:completed',
  'checklist:done',
  'note:seen',
] as const satisfies readonly EventType[];

export interface SyncedEvent {
  type: EventType;
  payload: EventEnvelope & Record<string, unknown>;
}
