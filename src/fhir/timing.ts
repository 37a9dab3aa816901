// Our v2 timing (DESIGN §7, shaped like FHIR R4 Timing.repeat) as a FHIR R4 Timing: pure, so the
// unit tests pin every rule. Two FHIR rules shape it: `bounds[x]` is one choice (a duration OR a
// period), and tim-10 forbids `timeOfDay` together with `when`.
import type { Timing, When } from '../extraction/schema.js';

/** Our moments of the day → FHIR EventTiming (http://hl7.org/fhir/event-timing). */
export const EVENT_TIMING: Record<When, string> = {
  morning: 'MORN',
  noon: 'NOON',
  evening: 'EVE',
  bedtime: 'HS',
  'before-meals': 'AC',
  'with-meals': 'C',
  'after-meals': 'PC',
};

const UCUM = 'http://unitsofmeasure.org';
const DAY_MS = 86_400_000;

export interface FhirTimingRepeat {
  frequency: number;
  period: number;
  periodUnit: Timing['periodUnit'];
  dayOfWeek?: string[];
  timeOfDay?: string[];
  when?: string[];
  boundsDuration?: { value: number; unit: 'd'; system: typeof UCUM; code: 'd' };
  boundsPeriod?: { start: string; end?: string };
}

export interface FhirTiming {
  repeat: FhirTimingRepeat;
}

/**
 * The FHIR Timing of `t`. `firstDose` is the item's first dose on the patient's clock: a later
 * phase of a taper (`startDay` > 0) is bounded by the period it runs (start, and end when finite),
 * since FHIR has no "starts N days after the plan" field; a first phase (or any item starting with
 * the plan) keeps the plain `boundsDuration`, and an ongoing one has no bounds. For an as-needed
 * item the timing is the most the note allows (FHIR reads a PRN schedule as an upper bound).
 */
export function fhirTiming(t: Timing, firstDose?: Date | null): FhirTiming {
  const repeat: FhirTimingRepeat = { frequency: t.frequency, period: t.period, periodUnit: t.periodUnit };
  if (t.dayOfWeek.length) repeat.dayOfWeek = [...t.dayOfWeek];
  // A clock time is more precise than a moment; the moment survives as an instruction (whenText).
  if (t.timeOfDay.length) repeat.timeOfDay = t.timeOfDay.map((hhmm) => `${hhmm}:00`);
  else if (t.when.length) repeat.when = t.when.map((w) => EVENT_TIMING[w]);
  if (t.startDay > 0 && firstDose) {
    repeat.boundsPeriod = { start: firstDose.toISOString() };
    if (t.durationDays !== null)
      repeat.boundsPeriod.end = new Date(firstDose.getTime() + t.durationDays * DAY_MS).toISOString();
  } else if (t.durationDays !== null) {
    repeat.boundsDuration = { value: t.durationDays, unit: 'd', system: UCUM, code: 'd' };
  }
  return { repeat };
}

/** The moments a clock time displaced from `repeat.when` (tim-10), as words, or undefined. */
export function whenText(t: Timing): string | undefined {
  if (!t.timeOfDay.length || !t.when.length) return undefined;
  return t.when.map((w) => w.replace('-', ' ')).join(', ');
}
