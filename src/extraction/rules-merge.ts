// Sentence state shared by the rules extractor's clauses, and the two ways a clause can join
// the previous plan item instead of becoming its own: a later phase, or a split dose.
import { MAX_DURATION_DAYS, MAX_FREQUENCY_PER_DAY, MAX_TEXT_CHARS, type ExtractedPlanItem } from './schema.js';
import { NUM } from './rules-lexicon.js';
import { cut, stripLead, tidy } from './rules-text.js';
import { findDuration } from './rules-duration.js';
import { findFrequency } from './rules-frequency.js';
import { mask } from './rules-spans.js';

/**
 * No duration written: a careful clinician would neither drop the medication (the patient
 * would lose it) nor stop reminding after one day (that reads as "stop taking it"). We use one
 * week — the usual short course and the usual time to review — and say so in the step text,
 * so the default is visible to patient and doctor instead of passing as the doctor's words.
 */
export const DEFAULT_DURATION_DAYS = 7;
export const DEFAULT_DURATION_NOTE = ` (duration not specified; ${DEFAULT_DURATION_DAYS}-day default)`;

const BARE_DOSE_RE = new RegExp(
  `^(?:${NUM}|half|\\d+(?:\\.\\d+)?)(?:\\s*(?:tablets?|tabs?|capsules?|caps?|puffs?|drops?|sprays?|units?|ml|mg|mcg|g|sachets?))?$`,
  'i',
);

/** Everything learned so far in one sentence, so later clauses can borrow a verb or object. */
export interface SentenceContext {
  plans: ExtractedPlanItem[];
  /** Per item: its wording with schedule words kept, and each phase's duration (null = unstated). */
  phases: Map<ExtractedPlanItem, { raw: string; days: Array<number | null> }>;
  verb: string | null;
  taskObject: string | null;
}

/**
 * "40mg daily for 5 days, then 20mg daily for 5 days": the plan has no start offsets, so two
 * items would run at once (60mg a day). One item keeps the doctor's full wording instead, lasts
 * the sum of the phases, and reminds at the highest phase frequency (the text says which).
 */
export function mergePhase(item: ExtractedPlanItem, clause: string, ctx: SentenceContext): void {
  const duration = findDuration(clause);
  const { frequency } = findFrequency(mask(clause, duration?.remove ?? []));
  const phases = ctx.phases.get(item);
  if (!frequency || !phases) return;
  phases.raw = tidy(`${phases.raw}, then ${tidy(stripLead(clause))}`).slice(0, MAX_TEXT_CHARS);
  phases.days.push(duration?.days ?? null);
  item.frequencyPerDay = Math.max(item.frequencyPerDay, frequency.perDay);
  item.text = phases.raw;
}

/**
 * "2 tablets in the morning and 1 at night" is one medication taken twice a day, not a second
 * item called "1": the bare dose joins the previous item and the daily counts add up.
 */
export function mergeSplitDose(item: ExtractedPlanItem, clause: string, ctx: SentenceContext): boolean {
  const duration = findDuration(clause);
  const { frequency } = findFrequency(mask(clause, duration?.remove ?? []));
  const phases = ctx.phases.get(item);
  if (
    !frequency ||
    !phases ||
    !BARE_DOSE_RE.test(tidy(cut(clause, [...frequency.remove, ...(duration?.remove ?? [])])))
  )
    return false;
  phases.raw = tidy(`${phases.raw} and ${tidy(cut(clause, duration?.remove ?? []))}`).slice(0, MAX_TEXT_CHARS);
  const lastPhase = phases.days.length - 1;
  phases.days[lastPhase] ??= duration?.days ?? null;
  item.durationDays ||= duration?.days ?? 0;
  item.frequencyPerDay = Math.min(MAX_FREQUENCY_PER_DAY, item.frequencyPerDay + frequency.perDay);
  item.text = phases.raw;
  return true;
}

export function finalise(item: ExtractedPlanItem, ctx: SentenceContext): ExtractedPlanItem {
  const days = ctx.phases.get(item)?.days ?? [item.durationDays || null];
  if (days.length === 1 && item.durationDays > 0) return item;
  const unstated = days.some((d) => d === null);
  const total =
    days.length === 1 ? DEFAULT_DURATION_DAYS : days.reduce<number>((sum, d) => sum + (d ?? DEFAULT_DURATION_DAYS), 0);
  const base = unstated
    ? item.text.slice(0, MAX_TEXT_CHARS - DEFAULT_DURATION_NOTE.length).trim() + DEFAULT_DURATION_NOTE
    : item.text;
  return { ...item, text: base, durationDays: Math.min(MAX_DURATION_DAYS, total) };
}
