// Moments of the day and clock times: mane → morning, nocte/hs/at night → bedtime, ac → before
// meals, pc → after meals, with food → with meals; "at 8am and 8pm" → 08:00, 20:00.
import { WHEN, type When } from './schema.js';

const MOMENTS: Array<[RegExp, When]> = [
  [
    /\b(?:mane|om|o\.m\.|qam|in the morning|every morning|each morning|mornings?|with breakfast|am)(?![a-z])/,
    'morning',
  ],
  [/\b(?:at lunch(?:time)?|midday|noon|with lunch)\b/, 'noon'],
  [
    /\b(?:in the evening|every evening|each evening|evenings?|qpm|with (?:dinner|tea|the evening meal|supper)|pm)(?![a-z])/,
    'evening',
  ],
  [
    /\b(?:nocte|on|o\.n\.|hs|h\.s\.|qhs|at night|night|nightly|every night|each night|at bedtime|bedtime|before bed|at night-?time)(?![a-z])/,
    'bedtime',
  ],
  [/\b(?:ac|a\.c\.|before (?:meals|food|each meal|breakfast|eating)|on an empty stomach)(?![a-z])/, 'before-meals'],
  [/\b(?:with (?:meals|food|each meal|a meal|milk)|with or after food)(?![a-z])/, 'with-meals'],
  [/\b(?:pc|p\.c\.|after (?:meals|food|each meal|eating))(?![a-z])/, 'after-meals'],
];
// "ON"/"am"/"pm"/"night" alone are too ambiguous; they count only next to another moment word.
// UK "ON" (omni nocte) counts right after a dose at the end of the drug's words: "80mg on".
const AFTER_DOSE = /\d\s*(?:mg|mcg|micrograms?|g|ml|units?)\s+$/;
const END = /^\s*(?:$|[,;.)&]|and\b|long\b|ongoing\b|for\b|continue\b)/;
const WEAK = /^(?:on|o\.n\.|am|pm|night)$/;
// "Not on an empty stomach" means with food, the opposite of the words it negates; another
// negated moment ("not at night") names no moment to remind at, so it names none.
const NEGATED = /\b(?:not|never|don'?t|avoid)\s+(?:(?:be\s+)?taken?\s+)?(?:it\s+|them\s+)?$/;

/** The moments of the day `s` names, in schema order. */
export function moments(s: string): When[] {
  const found = new Set<When>();
  for (const [re, w] of MOMENTS) {
    const g = new RegExp(re.source, 'g');
    for (const m of s.matchAll(g)) {
      if (NEGATED.test(s.slice(Math.max(0, m.index - 30), m.index))) {
        if (w === 'before-meals' && /empty stomach/.test(m[0])) found.add('with-meals');
        continue;
      }
      if (m[0] === 'on' && AFTER_DOSE.test(s.slice(0, m.index)) && END.test(s.slice(m.index + 2))) {
        found.add(w);
        continue;
      }
      if (
        WEAK.test(m[0]) &&
        !/\b(?:and|&|\/|,)\s*$/.test(s.slice(0, m.index)) &&
        !/^\s*(?:and|&|\/)/.test(s.slice(m.index + m[0].length))
      )
        continue;
      if (m[0] === 'am' || m[0] === 'pm') if (/\d\s*$/.test(s.slice(0, m.index))) continue;
      found.add(w);
    }
  }
  return WHEN.filter((w) => found.has(w));
}

const TIME_RE = /\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b|\b([01]?\d|2[0-3]):([0-5]\d)\b/g;
const pad = (n: number) => String(n).padStart(2, '0');

/** Clock times, as HH:MM, sorted. */
export function clockTimes(s: string): string[] {
  const out = new Set<string>();
  for (const m of s.matchAll(TIME_RE)) {
    if (m[3]) {
      const h = Number(m[1]);
      if (h < 1 || h > 12) continue;
      out.add(`${pad((h % 12) + (m[3] === 'pm' ? 12 : 0))}:${m[2] ?? '00'}`);
    } else out.add(`${pad(Number(m[4]))}:${m[5]}`);
  }
  return [...out].sort();
}
