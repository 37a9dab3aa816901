import type { ChecklistItem, Occurrence, PlanItem } from '../db/schema.js';

/** Event-row forms: every field but the text. */
export const checklistStub = (i: ChecklistItem) => ({ id: i.id, done: i.status === 'done', status: i.status });
export const planStub = (p: PlanItem) => ({
  id: p.id,
  frequencyPerDay: p.frequencyPerDay,
  durationDays: p.durationDays,
  requiredCheckins: p.requiredCheckins,
  completedCheckins: p.completedCheckins,
  missedCount: p.missedCount,
  status: p.status,
});
export const reminderStub = (o: Occurrence) => ({
  id: o.id,
  planItemId: o.planItemId,
  dueAt: o.dueAt.toISOString(),
  status: o.status,
  attempts: o.attempts,
});

export const withText = <T extends { id: string }>(stub: T, texts: Map<string, string>, key = stub.id) => ({
  ...stub,
  text: texts.get(key) ?? '',
});
