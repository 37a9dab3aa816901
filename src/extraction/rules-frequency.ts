// Finds "how often" in one clause of a note. Spans are returned so the caller can cut the
// schedule words out of the instruction text.
import { MAX_FREQUENCY_PER_DAY } from './schema.js';
import { NUM, parseNum } from './rules-lexicon.js';
import { overlaps, rx, type Span } from './rules-spans.js';

export interface Frequency {
  perDay: number;
  /** The matched schedule words to remove from the instruction text. */
  remove: Span[];
  /** Prescription shorthand (BID, q8h): a strong sign the clause is an instruction. */
  abbreviation: boolean;
}

type Value = number | 'sub-daily' | null;
interface Rule {
  re: RegExp;
  value: (m: RegExpExecArray) => Value;
  /** Weak cues (at night, with meals) stay in the text unless they set the frequency. */
  weak?: boolean;
  abbreviation?: boolean;
}

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
