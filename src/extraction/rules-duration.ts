// Finds "for how long" in one clause of a note, with the spans to cut out of its text.
import { MAX_DURATION_DAYS } from './schema.js';
import { NUM, NUM_A, parseNum } from './rules-lexicon.js';
import { overlaps, rx, type Span } from './rules-spans.js';

export interface Duration {
  days: number;
  remove: Span[];
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
