import type { AppContext } from '../context.js';
import { withText } from './stepPresenters.js';
import { stepTexts } from './stepTexts.js';

export async function checklistTextHydrator(ctx: AppContext, userId: string, stored: Record<string, unknown>) {
  const item = stored.item as { id: string };
  const texts = await stepTexts(ctx, userId, { checklist: [item.id] });
  return { ...stored, item: withText(item, texts) };
}
