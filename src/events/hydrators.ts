// The explicit registry of event hydrators: which event types carry text to fill in at delivery.
import type { AppContext } from '../context.js';
import { hydrateNoteNew } from '../notes/service.js';
import { hydrateStepsReady } from '../notes/steps.js';
import { hydrateReminderEvent } from '../reminders/presenters.js';
import { checklistTextHydrator } from '../notes/checklistHydrator.js';
import type { Hydrators } from './publisher.js';

export function hydratorsFor(ctx: AppContext): Hydrators {
  const reminder = (userId: string, stored: Record<string, unknown>) => hydrateReminderEvent(ctx, userId, stored);
  return {
    'note:new': (userId, stored) => hydrateNoteNew(ctx, userId, stored),
    'steps:ready': (userId, stored) => hydrateStepsReady(ctx, userId, stored),
    'reminder:due': reminder,
    'reminder:checked-in': reminder,
    'reminder:missed': reminder,
    'plan:completed': reminder,
    'checklist:done': (userId, stored) => checklistTextHydrator(ctx, userId, stored),
  };
}
