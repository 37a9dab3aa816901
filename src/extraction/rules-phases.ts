// The phases of a taper: "40 mg daily for 5 days, then 20 mg daily for 5 days, then stop".
import type { Span } from './rules-text.js';

const SPLIT_RE =
  /\b(?:then|followed by|thereafter|after that|(?:then\s+)?(?:reduce|reducing|decrease|decreasing|drop|dropping|increase|increasing|step down|stepping down|going down|go down|come down)\s+to)\b|,\s+(?=\d+(?:[.,]\d+)?\s*(?:mg|mcg|micrograms?|g|ml|units?)\b[^,;]*\b(?:for|x)\b)/g;

/** "then stop", "then review": the end of the taper, not a phase. */
export const TERMINAL_RE = /^[\s,]*(?:stop|discontinue|cease|finish|review|off|done|nil)\b/;

/** A dose written in a phase: "20 mg", "2 tablets". */
export const DOSE_RE =
  /\d+(?:[.,]\d+)*\s*(?:mg|mcg|micrograms?|µg|g|grams?|ml|units?|iu|tablets?|tabs?|caps?|capsules?|puffs?)\b/;

/**
 * The spans (note coordinates) between `from` and `to` that "then" separates — or a comma before
 * a new dose with its own course ("50mg od for 3 days, 40mg od for 3 days"); one when none.
 */
export function phases(low: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let at = from;
  for (const m of low.slice(from, to).matchAll(SPLIT_RE)) {
    out.push({ start: at, end: from + m.index });
    at = from + m.index + m[0].length;
  }
  out.push({ start: at, end: to });
  return out;
}
