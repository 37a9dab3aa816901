// From the words about one drug (or one phase of a taper) to a plan item or an `unclear` entry.
// The rule throughout: what the note does not state is never filled in (DESIGN.md §7).
import {
  type Duration,
  type Start,
  isOngoing,
  isOpenEnded,
  isSingleDose,
  readDuration,
  readStart,
} from './rules-duration.js';
import { isAsNeeded, isVague, scheduleException } from './rules-context.js';
import { twoDoses } from './rules-doses.js';
import { type Frequency, readFrequency, readMaximum } from './rules-timing.js';
import { type ExtractedPlanItem, MAX_REASON_CHARS, type Timing, type UnclearPart, timingSchema } from './schema.js';
import { dosesPerDay } from './timing.js';

export interface Reading {
  frequency: Frequency | null;
  /** A stated daily maximum of doses, for an as-needed item. */
  maximum: number | null;
  duration: Duration | null;
  ongoing: boolean;
  /** "long term", "lifelong": never with a course length ("continue … for 5 days" may be). */
  openEnded: boolean;
  asNeeded: boolean;
  vague: boolean;
  /** "except Sundays", "3 mg on the other days": an exception the schedule cannot hold. */
  exception: string | null;
  /** "80mg … 40mg": two different doses for one drug, outside a taper. */
  twoDoses: string | null;
  single: boolean;
  start: Start | null;
}

/** Everything the words `s` (lower case) say about a schedule. */
export function read(s: string, started = false): Reading {
  return {
    frequency: readFrequency(s),
    maximum: readMaximum(s),
    duration: readDuration(s),
    ongoing: isOngoing(s),
    openEnded: isOpenEnded(s),
    asNeeded: isAsNeeded(s),
    vague: isVague(s),
    exception: scheduleException(s),
    twoDoses: twoDoses(s),
    single: isSingleDose(s),
    start: readStart(s, started),
  };
}

/** Whether a reading says anything of when or how often; one that does not may borrow ("X and Y bd"). */
export const says = (r: Reading) =>
  r.frequency !== null || r.duration !== null || r.ongoing || r.asNeeded || r.single || r.vague;

export type Outcome = { plan: ExtractedPlanItem } | { unclear: UnclearPart };

const unclear = (source: string, reason: string): Outcome => ({
  unclear: { source, reason: reason.slice(0, MAX_REASON_CHARS) },
});

/**
 * The plan item for one drug phrase, or why it cannot be one. `offset` is the start day the
 * phase inherits (a taper's earlier phases); `drug` is the generic name, for the high-alert rule.
 */
export function decide(r: Reading, text: string, source: string, drug: string, offset = 0): Outcome {
  if (r.vague) return unclear(source, 'vague instruction');
  if (r.exception) return unclear(source, `an exception to the schedule ("${r.exception}"): name the days instead`);
  if (r.twoDoses) return unclear(source, `two different doses for one drug ("${r.twoDoses}"): one item per dose`);
  if (r.start && 'unknown' in r.start) return unclear(source, `start day not readable ("${r.start.unknown}")`);
  const startDay = offset + (r.start && 'day' in r.start ? r.start.day : 0);
  const d = r.duration;
  if (d && 'range' in d) return unclear(source, 'duration given as a range');
  if (d && 'tooLong' in d) return unclear(source, 'duration longer than a year');
  if (d && r.openEnded) return unclear(source, 'both ongoing and a course length: which is meant?');
  const days = d && 'days' in d ? d.days : null;
  const f = r.frequency;
  if (r.asNeeded) {
    // PRN: listed, never reminded. A stated maximum is kept as the timing; no maximum, no timing.
    // Two limits ("every 4 hours, max 4 doses a day"): the stricter one is the maximum.
    const cap = r.maximum;
    if (cap !== null && (!f || f.conflict || cap < dosesPerDay({ ...pick(f), durationDays: null, startDay: 0 }))) {
      return build(text, true, { ...single(startDay), frequency: cap, durationDays: days }, source, drug);
    }
    if (!f || f.conflict || f.mixed) return plan(text, true, null, source);
    return build(text, true, { ...pick(f), durationDays: days, startDay }, source, drug);
  }
  // "30mg od 5/7, stat dose now": a first dose now and a course, or one dose? Never 1 day of 5.
  if (r.single && days !== null && days > 1)
    return unclear(source, 'a single dose and a course length: which is meant?');
  if (r.single && !f) return build(text, false, single(startDay), source, drug);
  if (!f) return unclear(source, 'no frequency stated');
  if (f.range) return unclear(source, 'frequency given as a range');
  if (f.conflict) return unclear(source, 'times of day do not match the frequency');
  if (f.mixed) return unclear(source, 'daily and weekly words for one drug');
  if (r.single) return build(text, false, { ...pick(f), durationDays: 1, startDay }, source, drug);
  if (days === null && !r.ongoing) return unclear(source, 'no duration stated');
  return build(text, false, { ...pick(f), durationDays: days, startDay }, source, drug);
}

const single = (startDay: number): Timing => ({
  frequency: 1,
  period: 1,
  periodUnit: 'd',
  dayOfWeek: [],
  timeOfDay: [],
  when: [],
  durationDays: 1,
  startDay,
});

const pick = (f: Frequency) => ({
  frequency: f.frequency,
  period: f.period,
  periodUnit: f.periodUnit,
  dayOfWeek: f.dayOfWeek,
  timeOfDay: f.timeOfDay,
  when: f.when,
});

const plan = (text: string, asNeeded: boolean, timing: Timing | null, source: string): Outcome => ({
  plan: { text, asNeeded, timing, source },
});

function build(text: string, asNeeded: boolean, t: Timing, source: string, drug: string): Outcome {
  // Methotrexate is weekly in all but rare regimens; "daily" is the classic fatal slip.
  if (drug === 'methotrexate' && dosesPerDay(t) >= 1 - 1e-9) {
    return unclear(source, 'methotrexate at a daily or more frequent schedule: the doctor must confirm');
  }
  const ok = timingSchema.safeParse(t);
  if (!ok.success) return unclear(source, 'schedule could not be read');
  return plan(text, asNeeded, ok.data, source);
}
