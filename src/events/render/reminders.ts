// Reminders: one falling due, checked in, missed, and a plan item completed. Each shows its plan
// item's text, opened from the sealed plan item.
import type { Reminder } from '../../db/schema.js';
import type { Texts } from '../../sealed/texts.js';
import type { EventData } from '../protocol.js';
import { type Renderer, withText } from './renderer.js';
import type { PlanStub } from './steps.js';

export const reminderStub = (o: Reminder) => ({
  id: o.id,
  planItemId: o.planItemId,
  dueAt: o.dueAt.toISOString(),
  status: o.status,
  attempts: o.attempts,
});
export type ReminderStub = ReturnType<typeof reminderStub>;
export interface DueStub {
  reminder: { id: string; planItemId: string; dueAt: string; attempt: number };
}
export interface OutcomeStub {
  reminder: ReminderStub;
  planItem: PlanStub;
}

/** A reminder with its plan item, as the reader sees them (also the check-in's HTTP answer). */
export const renderOutcome = (s: OutcomeStub, texts: Texts) => ({
  ...s,
  reminder: withText(s.reminder, texts, s.reminder.planItemId),
  planItem: withText(s.planItem, texts),
});

const outcome: Renderer<OutcomeStub, EventData['reminder:checked-in']> = {
  needs: (s) => ({ plan: [s.planItem.id] }),
  render: renderOutcome,
};

export const reminderRenderers = {
  'reminder:due': {
    needs: (s) => ({ plan: [s.reminder.planItemId] }),
    render: (s, texts) => ({ reminder: withText(s.reminder, texts, s.reminder.planItemId) }),
  } satisfies Renderer<DueStub, EventData['reminder:due']>,
  'reminder:checked-in': outcome,
  'reminder:missed': outcome,
  'plan:completed': {
    needs: (s) => ({ plan: [s.planItem.id] }),
    render: (s, texts) => ({ planItem: withText(s.planItem, texts) }),
  } satisfies Renderer<{ planItem: PlanStub }, EventData['plan:completed']>,
};
