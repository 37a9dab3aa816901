// Text plumbing for the rules extractor: sentence/clause splitting and tidying of the
// instruction once schedule words have been cut out of it.
import { LABEL_RE, LEAD_IN_RE } from './rules-lexicon.js';
import type { Span } from './rules-spans.js';

/** Clause boundaries; captured so the original joiner can be put back when clauses are re-joined. */
export const SEPARATOR_RE =
  /(\s*;\s*|\s*:\s+|,\s+(?:(?:and|then|plus|also)\s+)?|\s+(?:and|then|plus|&|as\s+well\s+as|followed\s+by)\s+(?:(?:then|also)\s+)?)/i;
// Words left dangling once "twice daily for 7 days" is cut out of "Take X twice daily for 7 days".
const TRAILING_RE =
  /(?:[\s,;:\-(/]+|\s+-?\s*continued?|\s+(?:for|x|and|then|or|every|each|per|at|in|on|of|the|a|an|by|with|over|during|times?|plus))$/i;
const LEADING_RE = /^(?:[,;:\-)/]+|(?:and|then|also|plus|so|both|all|each)\b)\s*/i;

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** "Amoxicillin" -> "amoxicillin" after a verb, but keep acronyms such as "ACE". */
export const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
export const stripLead = (s: string): string => s.replace(LEAD_IN_RE, '');

export function tidy(s: string): string {
  let t = s
    .replace(/\(\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,;:.)])/g, '$1')
    .replace(/\(\s+/g, '(')
    .trim();
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(TRAILING_RE, '').replace(LEADING_RE, '').trim();
  }
  return t;
}

/** Removes spans (right to left, so earlier offsets stay valid). */
export function cut(text: string, spans: Span[]): string {
  return [...spans]
    .sort((a, b) => b.start - a.start)
    .reduce((t, s) => `${t.slice(0, s.start)} ${t.slice(s.end)}`, text);
}

/** Lines and sentences; bullets, numbering and "Plan:"-style labels are dropped. */
export function splitSentences(note: string): string[] {
  return note
    .replace(/\r\n?/g, '\n')
    .replace(/×/g, 'x')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u00a0/g, ' ')
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z•*(-])/)
    .map((s) =>
      s
        .replace(/^\s*(?:[-*•·]|\d+[.)])\s+/, '')
        .replace(LABEL_RE, '')
        .replace(/[.!?\s]+$/, '')
        .trim(),
    )
    .filter(Boolean);
}
