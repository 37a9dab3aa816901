// Deterministic, offline extractor (DESIGN.md §7), v2. Phrasings, decisions and limits are in
// docs/EXTRACTION.md; the development set in tests/devset/ measures it. Guiding rule: what the
// note does not state is never filled in — such an instruction goes to `unclear` for the doctor.
import { findDrugMentions } from './drugs.js';
import type { Extractor } from './port.js';
import type { Outcome } from './rules-decide.js';
import { type DrugOutcome, readDrugs } from './rules-drug.js';
import { isAsNeeded } from './rules-context.js';
import { isOngoing } from './rules-duration.js';
import { findTasks, taskStarts } from './rules-tasks.js';
import { readFrequency } from './rules-timing.js';
import { type Span, lowerAscii, sentences, sourceOf } from './rules-text.js';
import {
  type ExtractedChecklistItem,
  type ExtractedPlanItem,
  type Extraction,
  MAX_ITEMS,
  MAX_SOURCE_CHARS,
  type UnclearPart,
} from './schema.js';

const NO_FREQUENCY = 'no frequency stated';

// A sentence with only a course in it ("Course: 7 days.", "All long term.") finishes the drugs
// of the sentence before it that lacked one; "all"/"both" reach back over the whole list.
const COURSE_ONLY_RE =
  /^(?:(?:course|duration|all|both|each|of them|of these|to|continue|carry on|for|long[- ]?term|ongoing|indefinitely|for life|life-?long|until|further notice|review|then|and|\d+|a|an|one|two|three|five|seven|ten|fourteen|days?|weeks?|months?|fortnight)\b|[\s,.:;/-])+$/;
const ALL_RE = /\b(?:all|both|each)\b/;
const DIRECTIONS_RE =
  /^(?:take|use|apply|inhale|insert|give|max(?:imum)?|no more than|not more than|up to|one|two|1|2|\d+\s*(?:tabs?|caps?|tablets?|capsules?|puffs?|drops?|ml|sachets?))\b/;

// "Creon 25,000 units with meals": a dose and a schedule with no drug the lexicon knows is
// still an instruction; it goes to the doctor rather than nowhere.
const DOSE_RE =
  /\b\d+(?:[.,]\d+)*\s*(?:mg|mcg|micrograms?|g|ml|units|iu|tabs?|tablets?|caps?|capsules?|puffs?|sachets?)\b(?!\s*\/)/;
// "Ofloxacin drops 12 times a day", "iron tablets daily": a form of medicine with a schedule is an
// instruction too, with no dose written.
const FORM_RE =
  /\b(?:drops?|ointment|cream|gel|lotion|spray|inhaler|patch(?:es)?|pessar(?:y|ies)|suppositor(?:y|ies)|injections?|nebuli[sz]ers?|mouthwash|lozenges?|eye ?drops?|ear ?drops?|tablets?|tabs?|capsules?|caps?|sachets?|syrup|suspension|liquid|oral solution)\b/;
// "Zyloric 100 od 28/7": a number before a Latin frequency is a dose without its unit.
const BARE_DOSE_RE = /\b\d+(?:\.\d+)?\s+(?:od|bd|bid|tds|tid|qds|qid|nocte|mane|om|on|prn)\b/;
const unknownDrug = (words: string) =>
  findDrugMentions(words).length === 0 &&
  !/\b(?:alcohol|drinks?|water|fluids?|exercise|walk\w*|calories|steps|sugar|salt)\b/.test(words) &&
  (DOSE_RE.test(words) || FORM_RE.test(words) || BARE_DOSE_RE.test(words)) &&
  (readFrequency(words) !== null ||
    isAsNeeded(words) ||
    isOngoing(words) ||
    /^(?:take|use|apply|inject|inhale|start|give)\b|\bwith (?:each |every )?(?:meals?|food|snacks?)\b|\bon days?\s+\d/.test(
      words,
    ));

/** Still open to a later sentence: unclear, or as needed with no maximum (or, for a course, no end). */
const open = (o: Outcome, course: boolean) =>
  'unclear' in o ||
  ('plan' in o && o.plan.asNeeded && (o.plan.timing === null || (course && !o.plan.timing.durationDays)));

interface Pending {
  items: DrugOutcome[];
  sentence: number;
}

function run(note: string): Extraction {
  const low = lowerAscii(note);
  const checklist: ExtractedChecklistItem[] = [];
  const outcomes: DrugOutcome[] = [];
  const runs: Pending[] = [];
  sentences(note).forEach((sentence, index) => {
    const hasDrug = (s: Span) => findDrugMentions(low.slice(s.start, s.end)).length > 0;
    const tasks = findTasks(note, low, sentence, hasDrug);
    for (const t of tasks) {
      const source = sourceOf(note, t, MAX_SOURCE_CHARS);
      if (t.recurring)
        outcomes.push({ outcome: { unclear: { source, reason: 'a repeated task is not a one-time step' } } });
      else checklist.push({ text: t.text, dueInDays: t.dueInDays, source });
    }
    const drugs = readDrugs(note, low, sentence, taskStarts(low, sentence), tasks);
    const words = low.slice(sentence.start, sentence.end);
    const course = COURSE_ONLY_RE.test(words);
    if (drugs.length === 0 && tasks.length === 0 && runs.length > 0 && (course || DIRECTIONS_RE.test(words))) {
      // Directions ("Take one three times a day…") belong to the one drug just named, no further.
      const last = runs[runs.length - 1]!;
      const reach = course && ALL_RE.test(words) ? runs : last.items.length === 1 || course ? [last] : [];
      for (const r of reach)
        for (const d of r.items) if (d.redo && open(d.outcome, course)) d.outcome = d.redo(sentence);
      runs.length = 0;
      return;
    }
    if (drugs.length === 0 && tasks.length === 0 && unknownDrug(words)) {
      const source = sourceOf(note, sentence, MAX_SOURCE_CHARS);
      outcomes.push({ outcome: { unclear: { source, reason: 'a dose of a drug the rules do not know' } } });
    }
    // Only an unbroken run of drug sentences is reached back over.
    if (drugs.length === 0 || (runs.length > 0 && runs[runs.length - 1]!.sentence !== index - 1)) runs.length = 0;
    if (drugs.length > 0) runs.push({ items: drugs, sentence: index });
    outcomes.push(...drugs);
  });
  const plan: ExtractedPlanItem[] = [];
  const unclear: UnclearPart[] = [];
  for (const { outcome: o } of outcomes) {
    if ('plan' in o) plan.push(o.plan);
    else if ('unclear' in o) unclear.push(o.unclear);
  }
  // "Start amoxicillin. Amoxicillin 500 mg tds for 7 days": the bare mention is explained by the
  // schedule; any other doubt about a scheduled drug (vague, no duration) stays for the doctor.
  const planned = new Set(plan.flatMap((p) => findDrugMentions(p.text).map((m) => m.name)));
  const kept = unclear.filter(
    (u) => u.reason !== NO_FREQUENCY || !findDrugMentions(u.source).every((m) => planned.has(m.name)),
  );
  return { checklist: unique(checklist), plan: unique(plan), unclear: unique(kept) };
}

const unique = <T>(list: T[]): T[] => {
  const seen = new Set<string>();
  return list.filter((x) => {
    const key = JSON.stringify(x);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** Never drop silently: what does not fit the limits is named in one `unclear` entry. */
function cap(out: Extraction): Extraction {
  const notes: UnclearPart[] = [];
  const fit = <T extends { source: string }>(list: T[], what: string): T[] => {
    if (list.length <= MAX_ITEMS) return list;
    const rest = list.slice(MAX_ITEMS);
    const source = rest.find((x) => x.source.trim())?.source ?? what;
    notes.push({
      source,
      reason: `${rest.length} more ${what} than the limit of ${MAX_ITEMS}; the rest were not read`,
    });
    return list.slice(0, MAX_ITEMS);
  };
  const checklist = fit(out.checklist, 'checklist items');
  const plan = fit(out.plan, 'plan items');
  let unclear = [...out.unclear, ...notes];
  if (unclear.length > MAX_ITEMS) {
    const over = unclear.length - MAX_ITEMS + 1;
    const last = unclear.slice(MAX_ITEMS - 1);
    const source = last.find((u) => !notes.includes(u))?.source ?? last[0]!.source;
    unclear = [
      ...unclear.slice(0, MAX_ITEMS - 1),
      { source, reason: `${over} more unclear parts than the limit; the rest were not read` },
    ];
  }
  return { checklist, plan, unclear };
}

/** The steps of a note, by rules alone. Pure: the same note always gives the same steps. */
export function extractByRules(noteText: string): Extraction {
  try {
    return cap(run(noteText));
  } catch {
    // A bug must never turn into silently empty steps: the doctor reads the note instead.
    const source = noteText.trim().slice(0, MAX_SOURCE_CHARS).trim();
    return { checklist: [], plan: [], unclear: source ? [{ source, reason: 'the note could not be read' }] : [] };
  }
}

export class RulesExtractor implements Extractor {
  readonly name = 'rules' as const;
  readonly model = 'rules-v2';

  async extract(noteText: string): Promise<Extraction> {
    return extractByRules(noteText);
  }
}
