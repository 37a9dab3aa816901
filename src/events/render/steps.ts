// Steps: what a note became (`steps:ready`, and `steps:review` to the doctor when parts wait for
// them), a correction (`plan:changed`), a plan replaced by a newer note (`plan:cancelled`) and a
// ticked checklist item (`checklist:done`). Texts and source phrases come from the sealed items.
import type { ChecklistItem, PlanItem, UnclearItem } from '../../db/schema.js';
import type { Texts } from '../../sealed/texts.js';
import type { EventData } from '../protocol.js';
import { plain, type Renderer, withText } from './renderer.js';

export const checklistStub = (i: ChecklistItem) => ({
  id: i.id,
  noteId: i.noteId,
  done: i.status === 'done',
  status: i.status,
  dueAt: i.dueAt?.toISOString() ?? null,
});
export const planStub = (p: PlanItem) => ({
  id: p.id,
  noteId: p.noteId,
  asNeeded: p.asNeeded,
  timing: p.timing,
  requiredCheckins: p.requiredCheckins,
  completedCheckins: p.completedCheckins,
  missedCount: p.missedCount,
  skippedCount: p.skippedCount,
  extendedCount: p.extendedCount,
  status: p.status,
  startsAt: p.startsAt.toISOString(),
});
export const unclearStub = (u: UnclearItem) => ({ id: u.id, noteId: u.noteId, status: u.status });
export type ChecklistStub = ReturnType<typeof checklistStub>;
export type PlanStub = ReturnType<typeof planStub>;
export type UnclearStub = ReturnType<typeof unclearStub>;

export interface StepsStub {
  noteId: string;
  patientId: string;
  status: string;
  mode: string;
  extractor: string;
  model: string | null;
  checklist: ChecklistStub[];
  plan: PlanStub[];
  unclear: UnclearStub[];
}
type StepLists = { checklist: ChecklistStub[]; plan: PlanStub[]; unclear: UnclearStub[] };

const withSource = <T extends { id: string }>(stub: T, texts: Texts) => ({
  ...withText(stub, texts),
  source: texts.get(`source:${stub.id}`) ?? '',
});

/** An unclear part's sealed JSON; empty for a reader without the note's key. */
function openUnclear(u: UnclearStub, texts: Texts) {
  const raw = texts.get(u.id);
  const { source = '', reason = '' } = raw ? (JSON.parse(raw) as { source?: string; reason?: string }) : {};
  return { ...u, source, reason };
}

/** A note's steps as a reader sees them (also the body of the steps reads). */
export function renderSteps<S extends StepLists>(s: S, texts: Texts) {
  return {
    ...s,
    checklist: s.checklist.map((i) => withSource(i, texts)),
    plan: s.plan.map((i) => withSource(i, texts)),
    unclear: s.unclear.map((u) => openUnclear(u, texts)),
  };
}

const stepIds = (s: StepLists) => ({
  checklist: s.checklist.map((i) => i.id),
  plan: s.plan.map((i) => i.id),
  unclear: s.unclear.map((i) => i.id),
});

const stepsRenderer = <D>() =>
  ({ needs: stepIds, render: (s, texts) => renderSteps(s, texts) as D }) satisfies Renderer<StepsStub, D>;

export interface PlanChangedStub extends StepsStub {
  changes: { added: string[]; changed: string[]; removed: string[] };
}

export const stepRenderers = {
  'steps:ready': stepsRenderer<EventData['steps:ready']>(),
  'steps:review': stepsRenderer<EventData['steps:review']>(),
  'plan:changed': {
    needs: stepIds,
    render: (s, texts) => renderSteps(s, texts),
  } satisfies Renderer<PlanChangedStub, EventData['plan:changed']>,
  'plan:cancelled': plain<EventData['plan:cancelled']>(),
  'checklist:done': {
    needs: (s) => ({ checklist: [s.item.id] }),
    render: (s, texts) => ({ ...s, item: withSource(s.item, texts) }),
  } satisfies Renderer<{ item: ChecklistStub; noteId: string; patientId: string }, EventData['checklist:done']>,
};
