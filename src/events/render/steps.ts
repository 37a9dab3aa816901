// Steps: what a note became (`steps:ready`), a plan replaced by a newer note (`plan:cancelled`)
// and a ticked checklist item (`checklist:done`). Item texts come from the sealed items.
import type { ChecklistItem, PlanItem } from '../../db/schema.js';
import type { Texts } from '../../sealed/texts.js';
import type { EventData } from '../protocol.js';
import { plain, type Renderer, withText } from './renderer.js';

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
export type ChecklistStub = ReturnType<typeof checklistStub>;
export type PlanStub = ReturnType<typeof planStub>;

export interface StepsStub {
  noteId: string;
  patientId: string;
  extractor: string;
  model: string | null;
  checklist: ChecklistStub[];
  plan: PlanStub[];
}

/** A note's steps as a reader sees them (also the body of the steps reads). */
export function renderSteps<S extends { checklist: ChecklistStub[]; plan: PlanStub[] }>(
  s: S,
  texts: Texts,
): Omit<S, 'checklist' | 'plan'> & {
  checklist: Array<ChecklistStub & { text: string }>;
  plan: Array<PlanStub & { text: string }>;
} {
  return { ...s, checklist: s.checklist.map((i) => withText(i, texts)), plan: s.plan.map((i) => withText(i, texts)) };
}

export const stepRenderers = {
  'steps:ready': {
    needs: (s) => ({ checklist: s.checklist.map((i) => i.id), plan: s.plan.map((i) => i.id) }),
    render: (s, texts) => renderSteps(s, texts),
  } satisfies Renderer<StepsStub, EventData['steps:ready']>,
  'plan:cancelled': plain<EventData['plan:cancelled']>(),
  'checklist:done': {
    needs: (s) => ({ checklist: [s.item.id] }),
    render: (s, texts) => ({ ...s, item: withText(s.item, texts) }),
  } satisfies Renderer<{ item: ChecklistStub; noteId: string; patientId: string }, EventData['checklist:done']>,
};
