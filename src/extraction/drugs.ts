// Drug names the extractors and the safety check recognise in a note, and the context a mention
// sits in (stopped, history, allergy), so a stopped or historical drug is never scheduled.
// Owned by the rules extractor's lexicon; the safety check reads it. The names are in drugs-list.ts.
import { BRANDS, DRUG_NAMES } from './drugs-list.js';

export { BRANDS, DRUG_NAMES };

export interface DrugMention {
  /** The generic name. */
  name: string;
  start: number;
  end: number;
}

const escapeName = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]?');
const ALL = [...DRUG_NAMES, ...Object.keys(BRANDS)].sort((a, b) => b.length - a.length);
const MENTION_RE = new RegExp(`\\b(?:${ALL.map(escapeName).join('|')})\\b`, 'gi');
const canonical = (raw: string) => {
  const key = raw.toLowerCase().replace(/[\s-]+/g, ' ');
  const hit = ALL.find((n) => n.replace(/[\s-]+/g, ' ') === key) ?? key;
  return BRANDS[hit] ?? hit;
};

/** Every drug named in `text`, in order, with its character span. */
export function findDrugMentions(text: string): DrugMention[] {
  return [...text.matchAll(MENTION_RE)].map((m) => ({
    name: canonical(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The generic names `text` mentions, once each. */
export const drugNames = (text: string): Set<string> => new Set(findDrugMentions(text).map((m) => m.name));
