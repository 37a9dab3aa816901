// The development set's shape (docs/EXTRACTION.md, "Development set"): notes written the way
// clinicians write them, each with the steps a careful reader takes from it.
import { type Timing, timing } from '../../src/extraction/schema.js';

export interface ExpectedPlan {
  /** Lower-case words that must all occur in the item's text ("prednisolone 20"). */
  drug: string;
  asNeeded?: boolean;
  /** The full expected timing, or null (as needed with no stated maximum). */
  timing: Timing | null;
}

export interface ExpectedTask {
  /** Lower-case words that must all occur in the checklist item's text. */
  match: string;
  dueInDays: number | null;
}

export interface DevCase {
  note: string;
  plan: ExpectedPlan[];
  checklist?: ExpectedTask[];
  /** One word (or words) per expected unclear entry, found in that entry's source. */
  unclear?: string[];
  /** Drugs that must never be in a plan item's text (stopped, held, allergy, history). */
  never?: string[];
}

export const CATEGORIES = [
  'latin-abbrev',
  'durations',
  'weekly-alternate',
  'prn',
  'tapers',
  'start-later',
  'ongoing',
  'stopped-history',
  'vague',
  'checklist-due',
  'multi-drug',
  'chatty',
  'high-alert',
] as const;
export type Category = (typeof CATEGORIES)[number];

type Extra = Partial<Omit<Timing, 'frequency' | 'period' | 'periodUnit' | 'durationDays'>>;

/** n times a day for `days` (null: ongoing). */
export const daily = (n: number, days: number | null, extra: Extra = {}) =>
  timing({ frequency: n, period: 1, periodUnit: 'd', durationDays: days, ...extra });
/** Once every `hours` hours. */
export const everyHours = (hours: number, days: number | null, extra: Extra = {}) =>
  timing({ frequency: 1, period: hours, periodUnit: 'h', durationDays: days, ...extra });
/** n times a week (dayOfWeek in `extra` when days are named). */
export const weekly = (n: number, days: number | null, extra: Extra = {}) =>
  timing({ frequency: n, period: 1, periodUnit: 'wk', durationDays: days, ...extra });
/** Once every `period` days ("every other day" = 2). */
export const everyDays = (period: number, days: number | null, extra: Extra = {}) =>
  timing({ frequency: 1, period, periodUnit: 'd', durationDays: days, ...extra });
