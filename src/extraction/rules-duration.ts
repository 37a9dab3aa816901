// How long, from when, and by when, read from a drug's or a task's words (lower case).
// UK shorthand: "5/7" = 5 days, "2/52" = 14 days, "1/12" = 30 days (a month is 30 days, as in
// schema.ts UNIT_DAYS; 12 months are 365). A range ("5-7 days") is not a duration: which end the
// doctor meant is not written, so the caller sends the item to `unclear` rather than pick one.
import { MAX_DURATION_DAYS } from './schema.js';
import { NUM, num } from './rules-timing.js';

export type Duration = { days: number } | { range: true } | { tooLong: true };

const UNIT = '(days?|d|nights?|weeks?|wks?|w|months?|mths?|years?|yrs?|hours?|hrs?|h)';
const unitDays = (u: string) =>
  /^(?:w|wk|wks|week|weeks)$/.test(u) ? 7 : /^m/.test(u) ? 30 : /^y/.test(u) ? 365 : /^h/.test(u) ? 1 / 24 : 1;
const SHORTHAND: Record<string, number> = { '7': 1, '52': 7, '12': 30 };

const FOR_RE = new RegExp(
  `(?:\\bfor|\\bx|×|\\bover|\\bcourse of)\\s*(?:the\\s+next\\s+|a\\s+further\\s+|another\\s+|a\\s+total\\s+of\\s+)?${NUM}(?:\\s*(?:-|–|to)\\s*${NUM})?\\s*(?:more\\s+|further\\s+|extra\\s+)?-?\\s*${UNIT}\\b`,
);
const COURSE_RE = new RegExp(`\\b${NUM}(?:\\s*(?:-|–|to)\\s*${NUM})?[\\s-]*(days?|weeks?)\\s+course\\b`);
const SLASH_RE = /(?<![\d/])(\d{1,2})(?:\s*(?:-|–)\s*(\d{1,2}))?\s*\/\s*(7|52|12)\b(?!\s*\/)/;
const FORTNIGHT_RE = /\b(?:a|one)\s+fortnight\b/;
const MONTH_RE = /\bfor\s+(?:a|one)\s+(week|month)\b/;
// Terse notes write "amoxicillin 500mg tds 7 days", "5d", "2wks", "1 week" (digits only: "a day"
// is a rate): a bare count is a duration (a range: "5-7 days") unless it is a date or a start ("in
// 7 days", "3 days ago", "1 week before surgery") or how long a drug takes to work ("may take 4-6
// weeks to work").
const BARE_RE = new RegExp(
  `(?<!\\b(?:in|after|within|every|ago|from|day|next|last|past|take|takes|took|taking)\\s)\\b(?:${NUM}(?:\\s*(?:-|–|to)\\s*${NUM})?\\s*(?:more\\s+|further\\s+)?(days|weeks)|(\\d{1,3})\\s*(d|wks?|day|week))\\b(?!\\s+(?:ago|before|after|later|prior|to\\s+(?:work|take\\s+effect|help|settle|improve|start|kick)))`,
);
const SINGLE_RE =
  /\b(?:stat|single dose|as a single dose|once only|one dose only|one-off dose|(?:on )?day (?:1|one)(?: only)?|on the first day)\b/;

function make(a: number, b: number | undefined, perUnit: number): Duration | null {
  if (!Number.isFinite(a)) return null;
  if (b !== undefined && Number.isFinite(b) && b !== a) return { range: true };
  // 12 months are a year: 365 days, as "for 1 year" reads, not 360 (a course ending 5 days early).
  const days = perUnit === 30 && a % 12 === 0 ? (a / 12) * 365 : Math.ceil(a * perUnit - 1e-9);
  if (days < 1) return null;
  return days > MAX_DURATION_DAYS ? { tooLong: true } : { days };
}

/** The course length `s` states, or null. */
export function readDuration(s: string): Duration | null {
  let m = FOR_RE.exec(s);
  if (m) return make(num(m[1]), m[2] === undefined ? undefined : num(m[2]), unitDays(m[3]!));
  m = SLASH_RE.exec(s);
  if (m) return make(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), SHORTHAND[m[3]!]!);
  if (FORTNIGHT_RE.test(s)) return { days: 14 };
  m = MONTH_RE.exec(s);
  if (m) return { days: m[1] === 'week' ? 7 : 30 };
  m = COURSE_RE.exec(s);
  if (m) return make(num(m[1]), m[2] === undefined ? undefined : num(m[2]), unitDays(m[3]!));
  m = BARE_RE.exec(s);
  if (m)
    return m[4] !== undefined
      ? make(Number(m[4]), undefined, unitDays(m[5]!))
      : make(num(m[1]!), m[2] === undefined ? undefined : num(m[2]), unitDays(m[3]!));
  return null;
}

/** "stat", "single dose": one dose today. */
export const isSingleDose = (s: string) => SINGLE_RE.test(s);

const ONGOING_RE =
  /\b(?:long[- ]?term|ongoing|indefinitely|for life|life-?long|permanently|until (?:review(?:ed)?|further notice|next review|seen|told otherwise|follow[- ]?up|clinic|reviewed by)|continue[sd]?|continuing|carry on|keep (?:on )?taking|remain on|stay on|regular medication|repeat prescription)\b/;

/** "long term", "continue", "until review": no end date, by the doctor's words. */
export const isOngoing = (s: string) => ONGOING_RE.test(s);

/** "long term", "lifelong": no end at all; unlike "continue", which a course length may follow. */
export const isOpenEnded = (s: string) =>
  /\b(?:long[- ]?term|ongoing|indefinitely|for life|life-?long|permanently)\b/.test(s);

export type Start = { day: number } | { unknown: string };

const START_UNKNOWN_RE =
  /\b(?:from|starting|start(?:ing)? on|commencing|beginning)\s+(?:next\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:from|starting|commencing)\s+(?:next (?:week|month)|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,}|[a-z]{3,}\s+\d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)|\bafter (?:finishing|completing|stopping|the (?:course|antibiotics?|steroids?|taper))\b|\bonce (?:the|you have) (?:finished|completed)\b|\bnext week\b|\b(?:once|when|after) (?:the )?(?:\w+ ){0,2}(?:are |is |has been |have been )?(?:back|in|normal|done|checked|reviewed|available|sent|received|taken|collected)\b|\b(?:after|following) (?:the|his|her|your|their) (?!(?:evening |main )?meals?\b|food\b|breakfast\b|lunch\b|dinner\b)[a-z]+/;
const START_DAYS_RE = new RegExp(
  `\\b(?:start(?:ing)?|from|commenc\\w*|begin\\w*)\\s*(?:in|after)\\s+${NUM}\\s+(days?|weeks?)(?:'s|' )?(?:\\s+time)?\\b`,
);

// "Start atorvastatin 20 mg at night in 3 days": with "start" before the drug, a bare "in 3 days".
const BARE_START_RE = new RegExp(`\\bin\\s+${NUM}\\s+(days?|weeks?)(?:'s|' )?(?:\\s+time)?\\b`);

/**
 * When the course starts, if the words say: "starting tomorrow" → day 1. `started`: the drug's
 * clause opens with "start"/"begin", so a bare "in 3 days" is when.
 */
export function readStart(s: string, started = false): Start | null {
  // An event or a date first: "start tomorrow once the urine sample is in" is not day 1.
  const unknown = START_UNKNOWN_RE.exec(s);
  if (unknown) return { unknown: unknown[0] };
  if (/\bday after tomorrow\b/.test(s)) return { day: 2 };
  if (/\btomorrow\b/.test(s)) return { day: 1 };
  const m =
    START_DAYS_RE.exec(s) ?? (started && !/\b(?:if|unless|review|see)\b/.test(s) ? BARE_START_RE.exec(s) : null);
  if (m) {
    const days = num(m[1]) * unitDays(m[2]!);
    if (Number.isFinite(days) && days >= 1 && days <= 365) return { day: days };
  }
  return null;
}

const DUE_RE = new RegExp(
  `\\b(?:in|within|after|at|by|around|about|approx\\.?)\\s+(?:the\\s+next\\s+)?${NUM}(?:\\s*(?:-|–|to)\\s*${NUM})?\\s*-?\\s*${UNIT}(?:'s|' )?(?:\\s+time)?\\b`,
);
// Terse follow-ups: "F/U 4-6 weeks", "review 2 weeks" (a count right after the task word).
const BARE_DUE_RE = new RegExp(
  `^\\s*(?:f\\/u|fu|follow[- ]?up|review|r\\/v|rv|see|recheck|repeat|bloods)\\s+${NUM}(?:\\s*(?:-|–|to)\\s*${NUM})?\\s*(days?|weeks?|wks?|months?|mths?)\\b`,
);
const DUE_SLASH_RE = /(?<![\d/])(\d{1,2})(?:\s*(?:-|–)\s*\d{1,2})?\s*\/\s*(7|52|12)\b(?!\s*\/)/;

/**
 * When a one-time task is due, in days from today; null when the note gives no time. A range
 * ("in 4-6 weeks") is due at its start: a reminder that comes early can wait, a late one cannot.
 */
export function readDue(s: string): number | null {
  let m = DUE_RE.exec(s);
  if (m) {
    const d = Math.ceil(num(m[1]) * unitDays(m[3]!) - 1e-9);
    if (Number.isFinite(d)) return Math.min(Math.max(d, 0), 365);
  }
  m = DUE_SLASH_RE.exec(s);
  if (m) return Math.min(Number(m[1]) * SHORTHAND[m[2]!]!, 365);
  m = BARE_DUE_RE.exec(s);
  if (m) return Math.min(Math.ceil(num(m[1]) * unitDays(m[3]!)), 365);
  if (/\b(?:in|within)\s+(?:a|one)\s+fortnight\b|\bfortnight\b/.test(s)) return 14;
  if (/\b(?:in|within)\s+(?:a|one)\s+week\b|\bnext week\b/.test(s)) return 7;
  if (/\b(?:in|within)\s+(?:a|one)\s+month\b|\bnext month\b/.test(s)) return 30;
  if (/\btomorrow\b/.test(s)) return 1;
  if (/\b(?:today|this afternoon|this evening|now)\b/.test(s)) return 0;
  return null;
}
