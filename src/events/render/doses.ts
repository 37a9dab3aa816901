// Doses (DESIGN §5 v2): one falling due (or nudged, or back from a snooze), taken (on time or
// late), skipped, missed, snoozed; a plan item completed or left incomplete; an adherence alert
// and its acknowledgement; an as-needed dose. Each shows its plan item's text, opened from the sealed plan item.
import type { AdherenceAlert, PrnDose, Reminder } from '../../db/schema.js';
import type { Texts } from '../../sealed/texts.js';
import type { EventData } from '../protocol.js';
import { plain, type Renderer, withText } from './renderer.js';
import type { PlanStub } from './steps.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const doseStub = (d: Reminder) => ({
  id: d.id,
  planItemId: d.planItemId,
  seq: d.seq,
  dueAt: d.dueAt.toISOString(),
  localDate: d.localDate,
  localTime: d.localTime,
  windowEndsAt: iso(d.windowEndsAt),
  status: d.status,
  attempts: d.attempts,
  nudges: d.nudges,
  takenAt: iso(d.takenAt),
  skipReason: d.skipReason,
  snoozedUntil: iso(d.snoozedUntil),
});
export type DoseStub = ReturnType<typeof doseStub>;

export const alertStub = (a: AdherenceAlert) => ({
  id: a.id,
  patientId: a.patientId,
  planItemId: a.planItemId,
  kind: a.kind,
  misses: a.misses,
  createdAt: a.createdAt.toISOString(),
  acknowledgedAt: iso(a.acknowledgedAt),
});

export const prnStub = (p: PrnDose) => ({
  id: p.id,
  planItemId: p.planItemId,
  takenAt: p.takenAt.toISOString(),
  overMax: p.overMax > 0,
});

export interface DoseOutcomeStub {
  dose: DoseStub;
  planItem: PlanStub;
}

/** A dose with its plan item, as the reader sees them (also the HTTP answer of take/skip). */
export const renderDoseOutcome = (s: DoseOutcomeStub, texts: Texts) => ({
  dose: withText(s.dose, texts, s.dose.planItemId),
  planItem: withText(s.planItem, texts),
});

const outcome: Renderer<DoseOutcomeStub, EventData['dose:taken']> = {
  needs: (s) => ({ plan: [s.planItem.id] }),
  render: renderDoseOutcome,
};
const withPlanItem = <S extends { planItem: PlanStub }>() => ({
  needs: (s: S) => ({ plan: [s.planItem.id] }),
  render: (s: S, texts: Texts) => ({ ...s, planItem: withText(s.planItem, texts) }),
});

export const doseRenderers = {
  'dose:due': {
    needs: (s) => ({ plan: [s.dose.planItemId] }),
    render: (s, texts) => ({ dose: withText(s.dose, texts, s.dose.planItemId), kind: s.kind }),
  } satisfies Renderer<{ dose: DoseStub; kind: 'due' | 'nudge' | 'snooze' }, EventData['dose:due']>,
  'dose:taken': outcome,
  'dose:skipped': outcome,
  'dose:missed': outcome,
  'dose:snoozed': {
    needs: (s) => ({ plan: [s.dose.planItemId] }),
    render: (s, texts) => ({ dose: withText(s.dose, texts, s.dose.planItemId) }),
  } satisfies Renderer<{ dose: DoseStub }, EventData['dose:snoozed']>,
  'plan:incomplete': withPlanItem<{ planItem: PlanStub }>() satisfies Renderer<
    { planItem: PlanStub },
    EventData['plan:incomplete']
  >,
  'adherence:alert': withPlanItem<{ alert: ReturnType<typeof alertStub>; planItem: PlanStub }>(),
  'alert:acknowledged': plain<EventData['alert:acknowledged']>(),
  'prn:taken': withPlanItem<{
    prnDose: ReturnType<typeof prnStub>;
    planItem: PlanStub;
    today: number;
    maxPerDay: number | null;
  }>(),
};
