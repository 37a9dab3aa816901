import type { AppContext } from '../context.js';
import type { Occurrence, PlanItem } from '../db/schema.js';
import { planStub, reminderStub, withText } from '../notes/stepPresenters.js';
import { stepTexts } from '../notes/stepTexts.js';

export async function presentCheckin(ctx: AppContext, readerId: string, occ: Occurrence, item: PlanItem) {
  const texts = await stepTexts(ctx, readerId, { plan: [item.id] });
  return { reminder: withText(reminderStub(occ), texts, item.id), planItem: withText(planStub(item), texts) };
}

/** Hydrator for reminder:* and plan:completed events: text of the plan item, for this reader. */
export async function hydrateReminderEvent(ctx: AppContext, userId: string, stored: Record<string, unknown>) {
  const s = stored as { reminder?: { planItemId: string }; planItem?: { id: string } };
  const planItemId = s.planItem?.id ?? s.reminder!.planItemId;
  const texts = await stepTexts(ctx, userId, { plan: [planItemId] });
  const out: Record<string, unknown> = { ...stored };
  if (s.reminder) out.reminder = withText(s.reminder as { planItemId: string; id: string }, texts, planItemId);
  if (s.planItem) out.planItem = withText(s.planItem, texts);
  return out;
}
