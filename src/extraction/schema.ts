// The v2 extraction schema (DESIGN.md §7), shaped like FHIR R4 `Timing.repeat`. zod is the gate
// for every extractor and for a doctor's correction; the same limits build Gemini's
// responseSchema (gemini-schema.ts), so the two can never disagree about what is valid.
import { z } from 'zod';

export const MAX_ITEMS = 50;
export const MAX_TEXT_CHARS = 500;
export const MAX_SOURCE_CHARS = 1000;
export const MAX_REASON_CHARS = 300;
export const MAX_FREQUENCY = 24;
export const MAX_PERIOD = 365;
export const MAX_DURATION_DAYS = 365;
export const MAX_START_DAY = 365;
export const MAX_DUE_IN_DAYS = 365;

export const PERIOD_UNITS = ['h', 'd', 'wk', 'mo'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WHEN = ['morning', 'noon', 'evening', 'bedtime', 'before-meals', 'with-meals', 'after-meals'] as const;

export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export type Weekday = (typeof WEEKDAYS)[number];
export type When = (typeof WHEN)[number];

/** Days per period unit, for rates and counts only (a month is 30 days, as in §7's "1/12"). */
export const UNIT_DAYS: Record<PeriodUnit, number> = { h: 1 / 24, d: 1, wk: 7, mo: 30 };

// Trim before the length checks so "   " is rejected rather than stored as an empty step.
const stepText = z.string().trim().min(1).max(MAX_TEXT_CHARS);
/** The phrase of the note an item came from; '' when a doctor typed the item by hand. */
const source = z.string().trim().max(MAX_SOURCE_CHARS);
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const distinct = <T>(list: T[]) => new Set(list).size === list.length;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const timingSchema = z
  .object({
    frequency: int(1, MAX_FREQUENCY),
    period: int(1, MAX_PERIOD),
    periodUnit: z.enum(PERIOD_UNITS),
    dayOfWeek: z.array(z.enum(WEEKDAYS)).max(7).refine(distinct, 'days repeat'),
    timeOfDay: z.array(z.string().regex(HHMM, 'a time is HH:MM')).max(MAX_FREQUENCY).refine(distinct, 'times repeat'),
    when: z.array(z.enum(WHEN)).max(WHEN.length).refine(distinct, 'moments repeat'),
    durationDays: int(1, MAX_DURATION_DAYS).nullable(),
    startDay: int(0, MAX_START_DAY),
  })
  .strict()
  // More often than hourly is not a reminder schedule; it is a misreading.
  .refine((t) => t.frequency / (t.period * UNIT_DAYS[t.periodUnit]) <= 24, {
    message: 'more often than once an hour',
    path: ['frequency'],
  })
  .refine((t) => t.dayOfWeek.length === 0 || (t.periodUnit === 'wk' && t.frequency === t.dayOfWeek.length), {
    message: 'weekdays need a weekly period and one dose per day named',
    path: ['dayOfWeek'],
  })
  .refine(
    (t) => t.timeOfDay.length === 0 || t.periodUnit !== 'd' || t.period !== 1 || t.frequency === t.timeOfDay.length,
    {
      message: 'one time of day per daily dose',
      path: ['timeOfDay'],
    },
  );

export const checklistItemSchema = z
  .object({ text: stepText, dueInDays: int(0, MAX_DUE_IN_DAYS).nullable(), source })
  .strict();

export const planItemSchema = z
  .object({ text: stepText, asNeeded: z.boolean(), timing: timingSchema.nullable(), source })
  .strict()
  // A scheduled item without a schedule is exactly what must never be guessed.
  .refine((p) => p.asNeeded || p.timing !== null, { message: 'a scheduled item needs a timing', path: ['timing'] });

export const unclearSchema = z
  .object({ source: source.min(1), reason: z.string().trim().min(1).max(MAX_REASON_CHARS) })
  .strict();

// strict(): unknown keys from a model are a sign it misunderstood the task, so they fail
// validation (and get retried) instead of being silently dropped.
export const extractionSchema = z
  .object({
    checklist: z.array(checklistItemSchema).max(MAX_ITEMS),
    plan: z.array(planItemSchema).max(MAX_ITEMS),
    unclear: z.array(unclearSchema).max(MAX_ITEMS),
  })
  .strict();

export type Timing = z.infer<typeof timingSchema>;
export type Extraction = z.infer<typeof extractionSchema>;
export type ExtractedChecklistItem = z.infer<typeof checklistItemSchema>;
export type ExtractedPlanItem = z.infer<typeof planItemSchema>;
export type UnclearPart = z.infer<typeof unclearSchema>;

/** A timing with only what was said; the rest empty (a helper for extractors and tests). */
export const timing = (t: Pick<Timing, 'frequency' | 'period' | 'periodUnit'> & Partial<Timing>): Timing => ({
  dayOfWeek: [],
  timeOfDay: [],
  when: [],
  durationDays: null,
  startDay: 0,
  ...t,
});
