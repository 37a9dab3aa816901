// How often, read from one drug's words (lower case): counts, Latin abbreviations, intervals,
// weekly and alternate-day schedules, weekdays, clock times and moments of the day.
// Conventions (DESIGN.md §7): tds = 3 per 1 d, q8h = 1 per 8 h, qod = 1 per 2 d, weekly = 1 per
// 1 wk. Nothing here guesses: no count, no interval and no moment of the day means no frequency.
import { clockTimes, moments } from './rules-moments.js';
import { type PeriodUnit, WEEKDAYS, type Weekday, type When } from './schema.js';

export interface Frequency {
  frequency: number;
  period: number;
  periodUnit: PeriodUnit;
  dayOfWeek: Weekday[];
  timeOfDay: string[];
  when: When[];
  /** "2-3 times a day", "every 4-6 hours": the most frequent reading is kept (a PRN maximum). */
  range: boolean;
  /** The clock times do not fit the count ("tds at 8am"). */
  conflict: boolean;
  /** Daily and weekly words for one drug ("once daily for 3 days each week"): which is meant? */
  mixed: boolean;
}

const WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  once: 1,
  two: 2,
  twice: 2,
  three: 3,
  thrice: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  twenty: 20,
  thirty: 30,
};
export const NUM = '(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|twenty|thirty)';
export const num = (s: string | undefined): number =>
  s === undefined ? Number.NaN : /^\d+$/.test(s) ? Number(s) : (WORDS[s] ?? Number.NaN);

// A count is "twice", "3 times", "3x"; a bare number needs "a/per//" after it ("2 per day"), so a
// duration ("x 7d", "for 1 week") is never read as a frequency.
const TIMES = '(once|twice|thrice|\\d+\\s*(?:x|×|times?)|(?:one|two|three|four|five|six)\\s+times?)';
const BARE = '(\\d+|one|two|three|four|five|six)';
const OR = '\\s*(?:-|–|to|or)\\s*';
const PER = '\\s*(?:a|per|each|every|in|in a|\\/)\\s*';
const count = (a: string | undefined) => {
  const lead = /^(once|twice|thrice|\d+|[a-z]+)/.exec(a ?? '')?.[1];
  return num(lead === 'once' ? 'one' : lead);
};
const per = (unit: string, adverb: string) =>
  new RegExp(
    `\\b(?:${TIMES}(?:${OR}${TIMES})?\\s*(?:(?:a|per|each|every|in a|\\/)\\s*)?(?:${unit})|${TIMES}(?:${OR}${TIMES})?\\s*${adverb}|${BARE}(?:${OR}${BARE})?${PER}(?:${unit}))\\b`,
  );
const pick = (m: RegExpExecArray) =>
  m[1] !== undefined ? [m[1], m[2]] : m[3] !== undefined ? [m[3], m[4]] : [m[5], m[6]];

const DAY_RE = /\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/g;
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*';
const DAY_LIST = `(${DAY}(?:\\s*(?:,|and|&|\\/)\\s*${DAY})*)`;
// "every Monday", "on Mon and Thu", "weekly (Friday)", "Monday and Tuesday each week".
const DAYS_RE = new RegExp(
  `(?:\\b(?:every|each|on|on a|weekly on|once weekly on|once a week on)\\s+|\\()${DAY_LIST}|\\b${DAY_LIST}\\s+(?:each|every) week`,
);
const SLASH_DAYS_RE = new RegExp(`\\b${DAY}(?:\\s*\\/\\s*${DAY})+\\b`);
const WEEKDAYS_RE = /\b(?:on\s+)?(?:weekdays|mon(?:day)?\s*(?:-|–|to)\s*fri(?:day)?)\b/;
const WEEKENDS_RE = /\b(?:at|on)\s+(?:the\s+)?weekends?\b/;

type Base = Pick<Frequency, 'frequency' | 'period' | 'periodUnit' | 'range'> & { days?: Weekday[] };

function weekdays(s: string): Weekday[] | null {
  if (WEEKDAYS_RE.test(s)) return ['mon', 'tue', 'wed', 'thu', 'fri'];
  if (WEEKENDS_RE.test(s)) return ['sat', 'sun'];
  const m = DAYS_RE.exec(s);
  const list = m?.[1] ?? m?.[2] ?? SLASH_DAYS_RE.exec(s)?.[0];
  if (!list) return null;
  const days = new Set([...list.matchAll(DAY_RE)].map((m) => m[1] as Weekday));
  return WEEKDAYS.filter((d) => days.has(d));
}

// Each rule: pattern → reading. Order matters: weekly before daily ("once weekly" holds "once").
const RULES: Array<[RegExp, (m: RegExpExecArray) => Base | null]> = [
  [/\bq\.?\s?(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s?(?:h|hr|hrs|hours?|hourly)\b/, (m) => hours(m[1], m[2])],
  [new RegExp(`\\bevery\\s+${NUM}(?:\\s*(?:-|–|to|or)\\s*${NUM})?\\s*(?:h|hrs?|hours?)\\b`), (m) => hours(m[1], m[2])],
  [/\b(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s*-?\s*(?:hourly|hrly)\b/, (m) => hours(m[1], m[2])],
  [/\b(?:every hour|hourly)\b/, () => base(1, 1, 'h')],
  [
    /\b(?:q\.?o\.?d\.?|eod|every (?:other|second) (?:day|morning|night|evening)|(?:on\s+)?alt(?:ernate|\.)? (?:days?|mornings?|nights?|evenings?)|every 48 ?h(?:ours|rs)?)(?![a-z])/,
    () => base(1, 2, 'd'),
  ],
  // "3 times every 2 days": the count is kept, never dropped for "every 2 days" alone.
  [
    new RegExp(`\\b${TIMES}\\s+every\\s+${NUM}\\s+(days|weeks|wks|months)\\b`),
    (m) => base(count(m[1]), num(m[2]), m[3] === 'days' ? 'd' : m[3] === 'months' ? 'mo' : 'wk'),
  ],
  [new RegExp(`\\bevery\\s+${NUM}\\s+days\\b`), (m) => base(1, num(m[1]), 'd')],
  [per('week|wk', 'weekly'), (m) => counted(m, 'wk')],
  [/\b(?:once\s+)?(?:weekly|every week|each week|a week|per week|q\.?\s?(?:week|wk|1w|7d))\b/, () => base(1, 1, 'wk')],
  [/\b(?:fortnightly|every (?:other|second|2|two) weeks?)\b/, () => base(1, 2, 'wk')],
  [new RegExp(`\\bevery\\s+${NUM}\\s+(?:weeks|wks)\\b`), (m) => base(1, num(m[1]), 'wk')],
  [new RegExp(`\\bevery\\s+${NUM}\\s+months\\b`), (m) => base(1, num(m[1]), 'mo')],
  [/\bq\.?\s?(\d+)\s?(?:months?|mo|mths?)\b/, (m) => base(1, num(m[1]), 'mo')],
  [/\bq\.?\s?(\d+)\s?(?:weeks?|wks?)\b/, (m) => base(1, num(m[1]), 'wk')],
  [/\b(?:once\s+)?(?:monthly|a month|every month|per month)\b/, () => base(1, 1, 'mo')],
  [per('day|d|24\\s*h(?:ours|rs)?', 'daily'), (m) => counted(m, 'd')],
  [
    new RegExp(`\\b${BARE}(?:${OR}${BARE})?\\s*doses?${PER}(?:day|24\\s*h(?:ours|rs)?)\\b`),
    (m) => counted(m, 'd', [m[1], m[2]]),
  ],
  [/\b(?:q\.?i\.?d|q\.?d\.?s)(?![a-z])/, () => base(4, 1, 'd')],
  [/\b(?:t\.?i\.?d|t\.?d\.?s)(?![a-z])/, () => base(3, 1, 'd')],
  [/\b(?:b\.?i\.?d|b\.?d|b\.?d\.?s)(?![a-z])/, () => base(2, 1, 'd')],
  [
    /\b(?:o\.?d|q\.?d|daily|every day|each day|a day|per day|once a day|qam|qpm|qhs|nightly)(?![a-z])/,
    () => base(1, 1, 'd'),
  ],
];

function base(frequency: number, period: number, periodUnit: PeriodUnit, range = false): Base | null {
  if (!Number.isFinite(frequency) || !Number.isFinite(period) || frequency < 1 || period < 1) return null;
  return { frequency, period, periodUnit, range };
}

function hours(a: string | undefined, b: string | undefined): Base | null {
  const shortest = Math.min(num(a), b === undefined ? Number.POSITIVE_INFINITY : num(b));
  return base(1, shortest, 'h', b !== undefined);
}

function counted(m: RegExpExecArray, unit: PeriodUnit, got = pick(m)): Base | null {
  const [a, b] = got;
  const high = Math.max(count(a), b === undefined ? 0 : count(b));
  return base(high, 1, unit, b !== undefined);
}

const COUNT_RANGE_RE = /\b(?:\d+|one|two|three|once)\s*(?:-|–|to|or)\s*(?:\d+|two|three|four|twice)\s*(?:x|×|times)/;
// "bd-tds", "od/bd", "tds or qds": two Latin counts for one drug are a range, not the larger one.
const LATIN = String.raw`(?:o\.?d|b\.?d|b\.?i\.?d|t\.?d\.?s|t\.?i\.?d|q\.?d\.?s|q\.?i\.?d)`;
const LATIN_RANGE_RE = new RegExp(String.raw`\b${LATIN}\s*(?:-|–|\/|to|or)\s*${LATIN}(?![a-z])`);
const MEALS_RE = /\b(?:meals|food|each meal|ac|a\.c|pc|p\.c)(?![a-z])/;
const DAILY_RE =
  /\b(?:o\.?d|q\.?d|b\.?d|b\.?i\.?d|t\.?d\.?s|t\.?i\.?d|q\.?d\.?s|q\.?i\.?d|daily|every day|a day|per day)(?![a-z])/;
const DAYPARTS: When[] = ['morning', 'noon', 'evening', 'bedtime'];

/** The schedule `words` state, or null. A maximum is readMaximum's beside another schedule: "qds
 * prn max 8 in 24h" is 4 a day (8 tablets, most likely); alone ("up to 3 times a day") it is one. */
export function readFrequency(words: string): Frequency | null {
  const without = words.replace(MAX_RE, ' ');
  return (without !== words && scheduleOf(without)) || scheduleOf(words);
}

function scheduleOf(s: string): Frequency | null {
  const days = weekdays(s);
  const when = moments(s);
  const timeOfDay = clockTimes(s);
  let found: Base | null = null;
  if (days) found = base(days.length, 1, 'wk');
  for (const [re, read] of RULES) {
    if (found) break;
    const m = re.exec(s);
    if (m) found = read(m);
  }
  const parts = when.filter((w) => DAYPARTS.includes(w)).length;
  if (!found && timeOfDay.length) found = base(timeOfDay.length, 1, 'd');
  // "with meals" is no count (how many meals is not written): "after meals and at bedtime" is no
  // schedule, while "every morning before breakfast" is once a day.
  if (!found && parts && !MEALS_RE.test(s)) found = base(parts, 1, 'd');
  if (!found) return null;
  const range = found.range || COUNT_RANGE_RE.test(s) || LATIN_RANGE_RE.test(s);
  const daily = found.periodUnit === 'd' && found.period === 1;
  const conflict = timeOfDay.length > 0 && daily && timeOfDay.length !== found.frequency;
  return {
    frequency: found.frequency,
    period: found.period,
    periodUnit: found.periodUnit,
    dayOfWeek: days ?? [],
    timeOfDay: conflict ? [] : timeOfDay,
    when,
    range,
    conflict,
    mixed: found.periodUnit !== 'd' && found.periodUnit !== 'h' && DAILY_RE.test(s),
  };
}

const MAX_RE =
  /\b(?:max(?:imum)?\.?|up to|no more than|not more than|at most)\s+(?:of\s+)?(once|twice|thrice|\d+|one|two|three|four|five|six|seven|eight)\s*(?:x|×|times|doses)?\s*(?:a|per|in|\/|each)?\s*(?:day|24\s*h(?:ours|rs)?)\b/;

/** A stated daily maximum of doses ("max 4 doses in 24 hours"): the stricter cap for a PRN. */
export function readMaximum(s: string): number | null {
  const n = count(MAX_RE.exec(s)?.[1]);
  return Number.isFinite(n) && n >= 1 ? n : null;
}
