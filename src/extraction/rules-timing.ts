// Finds "how often" and "for how long" in one clause of a note. Spans are returned so the
// caller can cut the schedule words out of the instruction text.
import { MAX_DURATION_DAYS, MAX_FREQUENCY_PER_DAY } from './schema.js';
import { NUM, NUM_A, parseNum } from './rules-lexicon.js';

export interface Span {
  start: number;
  end: number;
}
export interface Frequency {
  perDay: number;
  /** The matched schedule words to remove from the instruction text. */
  remove: Span[];
  /** Prescription shorthand (BID, q8h): a strong sign the clause is an instruction. */
  abbreviation: boolean;
}
export interface Duration {
  days: number;
  remove: Span[];
}

type Value = number | 'sub-daily' | null;
interface Rule {
  re: RegExp;
  value: (m: RegExpExecArray) => Value;
  /** Weak cues (at night, with meals) stay in the text unless they set the frequency. */
  weak?: boolean;
  abbreviation?: boolean;
}

const rx = (src: string) => new RegExp(src, 'gi');
const count = (tok: string): number | null => {
  const t = tok.toLowerCase();
  if (t.startsWith('once')) return 1;
  if (t.startsWith('twice')) return 2;
  if (t.startsWith('thrice')) return 3;
  return parseNum(tok.replace(/\s*(?:times?|x)$/i, ''));
};
/** Lower bound of a range: a schedule never reminds more often than the least prescribed. */
const lower = (a: string | undefined, b: string): number | null => {
  const hi = count(b);
  const lo = a === undefined ? null : count(a);
  return lo !== null && hi !== null ? Math.min(lo, hi) : hi;
};
/** Every N hours: floor(24/N) so rounding never adds a dose; the longer interval of a range. */
const perHours = (a: string, b: string | undefined): Value => {
  const h = Math.max(parseNum(a) ?? 0, b === undefined ? 0 : (parseNum(b) ?? 0));
  if (h <= 0) return null;
  return h > 24 ? 'sub-daily' : Math.max(1, Math.floor(24 / h));
};

const PER_DAY = `(?:a\\s+|per\\s+|each\\s+|every\\s+|\\/\\s*|in\\s+a\\s+)?(?:day\\b|d\\b|daily\\b|24\\s*h(?:ours?|rs?)?\\b)`;
const ABBREVIATIONS: Array<[string, number]> = [
  ['b\\.?i\\.?d', 2],
  ['b\\.?d', 2],
  ['t\\.?i\\.?d', 3],
  ['t\\.?d\\.?s', 3],
  ['q\\.?i\\.?d', 4],
  ['q\\.?d\\.?s', 4],
  ['q\\.?d', 1],
  ['o\\.?d', 1],
  ['q\\.?h\\.?s', 1],
  ['q\\.?a\\.?m', 1],
  ['q\\.?p\\.?m', 1],
  ['nocte', 1],
  ['mane', 1],
];

// Priority order: the first rule that matches sets the frequency.
const FREQUENCY_RULES: Rule[] = [
  {
    re: rx(`\\b(?:(${NUM}|once|twice)\\s*(?:-|to|or)\\s*)?(once|twice|thrice|${NUM}\\s*(?:times?|x))\\s*${PER_DAY}`),
    value: (m) => lower(m[1], m[2]!),
  },
  {
    re: rx(`\\b(?:every|q)\\s*(${NUM})(?:\\s*(?:-|to|or)\\s*(${NUM}))?\\s*(?:hours?|hrs?|h)\\b`),
    value: (m) => perHours(m[1]!, m[2]),
    abbreviation: true,
  },
  {
    re: rx(`\\b(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?[- ]?hourly\\b`),
    value: (m) => perHours(m[1]!, m[2]),
    abbreviation: true,
  },
  { re: rx('\\b(?:every\\s+hour|hourly)\\b'), value: () => 24 },
  ...ABBREVIATIONS.map(
    ([src, n]): Rule => ({
      re: rx(`(?<![a-z0-9.])${src}\\.?(?![a-z0-9])`),
      value: () => n,
      abbreviation: true,
    }),
  ),
  { re: rx('\\b(?:daily|every\\s*day|each\\s+day|a\\s+day|per\\s+day)\\b'), value: () => 1 },
  { re: rx('\\b(?:with|before|after)\\s+(?:(?:each|every)\\s+meal|meals)\\b'), value: () => 3, weak: true },
  {
    re: rx(
      '\\b(?:nightly|(?:every|each)\\s+(?:night|evening|morning)|at\\s+night|at\\s+bed\\s*time|before\\s+bed(?:time)?|in\\s+the\\s+(?:morning|evening))\\b',
    ),
    value: () => 1,
    weak: true,
  },
];

/** Schedules rarer than daily cannot be expressed as frequencyPerDay >= 1. */
const SUB_DAILY_RE = rx(
  `\\b(?:every\\s+(?:other|second|alternate|${NUM})\\s+(?:days?|weeks?|months?)|(?:on\\s+)?alternate\\s+days|weekly|fortnightly|monthly|` +
    `(?:once|twice|thrice|${NUM}\\s*(?:times|x))\\s*(?:a|per|each|every)\\s*(?:week|fortnight|month|year)|every\\s+(?:week|fortnight|month))\\b`,
);

// "Morning and night" would otherwise be split at "and" into two once-daily items.
const COMPOSITES: Array<[RegExp, string]> = [
  [
    rx(
      '\\b(?:(?:in|every|each)\\s+(?:the\\s+)?)?mornings?,?\\s+(?:midday|noon|lunchtime|afternoon),?\\s+(?:and|&)\\s+(?:(?:at|in\\s+the|every|each)\\s+)?(?:night|evening|bed\\s*time)s?\\b',
    ),
    'three times daily',
  ],
  [
    rx(
      '\\b(?:(?:in|every|each)\\s+(?:the\\s+)?)?mornings?\\s+(?:and|&)\\s+(?:(?:at|in\\s+the|every|each)\\s+)?(?:night|evening|bed\\s*time)s?\\b',
    ),
    'twice daily',
  ],
  [
    rx('\\b(?:with|at|after|before)\\s+breakfast,\\s+lunch,?\\s+(?:and|&)\\s+(?:dinner|supper|tea|evening\\s+meal)\\b'),
    'three times daily',
  ],
  [
    rx('\\b(?:with|at|after|before)\\s+breakfast\\s+(?:and|&)\\s+(?:dinner|supper|tea|evening\\s+meal)\\b'),
    'twice daily',
  ],
  [rx('\\ba\\.?m\\.?\\s+(?:and|&)\\s+p\\.?m\\.?(?![a-z])'), 'twice daily'],
];

export function normaliseComposites(sentence: string): string {
  return COMPOSITES.reduce((s, [re, to]) => s.replace(re, to), sentence);
}

const UNIT = '(days?|nights?|weeks?|wks?|months?|mths?|mos?|years?|yrs?|hours?|hrs?|fortnights?|d|w|wk)';
const unitDays = (u: string): number => {
  const c = u.toLowerCase();
  if (c.startsWith('f')) return 14;
  if (c.startsWith('w')) return 7;
  if (c.startsWith('m')) return 30;
  if (c.startsWith('y')) return 365;
  if (c.startsWith('h')) return 1 / 24;
  return 1;
};
const clampDays = (d: number): number => Math.min(MAX_DURATION_DAYS, Math.max(1, Math.ceil(d - 1e-9)));
/** Upper bound of a range: covering the whole prescribed course stays within the prescription. */
const upper = (a: string, b: string | undefined, u: string): number | null => {
  const n = Math.max(parseNum(a) ?? 0, b === undefined ? 0 : (parseNum(b) ?? 0));
  // A month is 30 days, but "12 months" means a year, not 360 days.
  const perUnit = unitDays(u) === 30 && n >= 12 ? 365 / 12 : unitDays(u);
  return n > 0 ? clampDays(n * perUnit) : null;
};

const DURATION_RULES: Array<{ re: RegExp; value: (m: RegExpExecArray) => number | null }> = [
  // UK shorthand: x 5/7 = 5 days, x 2/52 = 2 weeks, x 3/12 = 3 months.
  {
    re: rx('\\b(?:x|for)\\s*(\\d+)\\s*\\/\\s*(7|52|12)(?!\\d)'),
    value: (m) => clampDays(Number(m[1]) * ({ '7': 1, '52': 7, '12': 30 }[m[2]!] ?? 1)),
  },
  {
    re: rx(`\\b(?:an?\\s+|the\\s+)?(${NUM})[- ]?(day|week|month)s?[- ]course(?:\\s+of)?\\b`),
    value: (m) => upper(m[1]!, undefined, m[2]!),
  },
  { re: rx(`\\b(?:an?\\s+)?course\\s+of\\s+(${NUM})\\s*${UNIT}\\b`), value: (m) => upper(m[1]!, undefined, m[2]!) },
  {
    re: rx(
      `\\b(?:for|x|over|during)\\s*(?:the\\s+|a\\s+)?(?:(?:next|following|another|further|more)\\s+)?(${NUM_A})(?:\\s*(?:-|to|or)\\s*(${NUM}))?\\s*(?:(?:more|further|additional)\\s+)?${UNIT}(?![a-z])`,
    ),
    value: (m) => upper(m[1]!, m[2], m[3]!),
  },
  {
    re: rx('\\b(?:ongoing|long[- ]term|indefinitely|life-?long|for\\s+life|until\\s+further\\s+notice|permanently)\\b'),
    value: () => MAX_DURATION_DAYS,
  },
  { re: rx('\\b(?:for\\s+(?:today|tonight)(?:\\s+only)?|(?:today|tonight)\\s+only)\\b'), value: () => 1 },
  // Bare "7 days" in terse notes, but not "in 2 weeks" / "2 days ago" (timing, not length).
  {
    re: rx(
      `(?<!\\b(?:in|after|within|every|per|than|about|last|past|by|before|next|of|following|the|first)\\s+)\\b(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?\\s*(days?|weeks?|months?)\\b(?!\\s+(?:ago|later|after|before|from|post|prior|of))`,
    ),
    value: (m) => upper(m[1]!, m[2], m[3]!),
  },
];

function overlaps(s: Span, taken: Span[]): boolean {
  return taken.some((t) => s.start < t.end && t.start < s.end);
}

export function findDuration(text: string): Duration | null {
  const remove: Span[] = [];
  let days: number | null = null;
  for (const rule of DURATION_RULES) {
    for (const m of text.matchAll(rule.re)) {
      const span = { start: m.index!, end: m.index! + m[0].length };
      const v = overlaps(span, remove) ? null : rule.value(m as RegExpExecArray);
      if (v === null) continue;
      remove.push(span);
      days ??= v;
    }
  }
  return days === null ? null : { days, remove };
}

/** Blank out spans (keeping offsets) so one phrase is not read as two things. */
export const mask = (text: string, spans: Span[]): string =>
  spans.reduce((t, s) => t.slice(0, s.start) + ' '.repeat(s.end - s.start) + t.slice(s.end), text);

export function findFrequency(text: string): { frequency: Frequency | null; subDaily: boolean } {
  const taken: Span[] = [];
  let frequency: Frequency | null = null;
  let subDaily = new RegExp(SUB_DAILY_RE.source, 'i').test(text);
  for (const rule of FREQUENCY_RULES) {
    for (const m of text.matchAll(rule.re)) {
      const span = { start: m.index!, end: m.index! + m[0].length };
      if (overlaps(span, taken)) continue;
      const v = rule.value(m as RegExpExecArray);
      if (v === 'sub-daily') subDaily = true;
      if (typeof v !== 'number') continue;
      taken.push(span);
      const perDay = Math.min(MAX_FREQUENCY_PER_DAY, Math.max(1, v));
      if (!frequency) frequency = { perDay, remove: [span], abbreviation: !!rule.abbreviation };
      else if (!rule.weak) frequency.remove.push(span);
      if (rule.abbreviation) frequency.abbreviation = true;
    }
  }
  return { frequency, subDaily: subDaily && !frequency };
}
