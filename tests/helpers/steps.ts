// Steps for tests in a few words: `{text, frequencyPerDay, durationDays}` is N per 1 day for D
// days (how v1 stored every item), `{text}` a checklist item with no due day; v2 items pass as they are.
import {
  type ExtractedChecklistItem,
  type ExtractedPlanItem,
  type Extraction,
  extractionSchema,
  timing,
} from '../../src/extraction/schema.js';

export interface ShortPlanItem {
  text: string;
  frequencyPerDay: number;
  durationDays: number;
}
export type AnyPlanItem = ShortPlanItem | ExtractedPlanItem;
export type AnyChecklistItem = { text: string } | ExtractedChecklistItem;

export function planItem(p: AnyPlanItem): ExtractedPlanItem {
  if (!('frequencyPerDay' in p)) return p;
  const t = timing({ frequency: p.frequencyPerDay, period: 1, periodUnit: 'd', durationDays: p.durationDays });
  return { text: p.text, asNeeded: false, timing: t, source: '' };
}

export const task = (c: AnyChecklistItem): ExtractedChecklistItem =>
  'source' in c ? c : { text: c.text, dueInDays: null, source: '' };

/** Validated steps, as an extractor must produce them. */
export const stepsOf = (s: { plan?: AnyPlanItem[]; checklist?: AnyChecklistItem[]; unclear?: Extraction['unclear'] }) =>
  extractionSchema.parse({
    checklist: (s.checklist ?? []).map(task),
    plan: (s.plan ?? []).map(planItem),
    unclear: s.unclear ?? [],
  });
