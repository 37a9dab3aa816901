// The drug phrases the rules extractor does not turn into a plan item as written, and why: the
// reasons the doctor reads (rules-drug.ts decides when).
import type { Outcome } from './rules-decide.js';

// "Take 1 tablet at 8 and 20 daily of amlodipine 5mg": dose and schedule before the name, which
// the item's text would garble ("Take 20 daily of amlodipine"): the doctor writes it again.
export const DRUG_LAST_RE = /\d[^,;]*\bof\s*$/;
export const conditional = (source: string, cue: string): Outcome => ({
  unclear: { source, reason: `a conditional start ("${cue}"): the doctor says whether and when it starts` },
});
export const drugLast = (source: string): Outcome => ({
  unclear: { source, reason: 'the dose and schedule are written before the drug is named' },
});
export const unclearAfter = (source: string): Outcome => ({
  unclear: { source, reason: 'starts after another drug whose course has no end' },
});
export const allergyWithSchedule = (source: string): Outcome => ({
  unclear: { source, reason: 'a schedule for a drug named beside an allergy: which drug is meant?' },
});
