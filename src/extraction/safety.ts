// The safety check every extraction passes (rules, Gemini, a doctor's correction), DESIGN §7:
// every drug the note mentions ends in the plan, the checklist or `unclear`; a drug the note
// stops is never scheduled; high-alert schedules wait for the doctor; a schedule the patient's
// clock would change (timing.ts, unkeptReason) goes to the doctor instead of being reshaped.
// CONTRACT (helpers code against it): checkSafety(noteText, steps) → { steps, holds }.
// Pure and deterministic; never throws; what it adds always passes extractionSchema.
import { allergyReaches } from './drug-classes.js';
import { drugNames, findDrugMentions } from './drugs.js';
import { conditionalCue, scheduleException } from './rules-context.js';
import { type NoteMention, noteMentions } from './safety-context.js';
import { courseLost, doseLeftOut, mergedDoses, notTheirs } from './safety-doses.js';
import {
  type ExtractedPlanItem,
  type Extraction,
  MAX_ITEMS,
  MAX_REASON_CHARS,
  MAX_SOURCE_CHARS,
  type UnclearPart,
} from './schema.js';
import { lessThanDaily, unkeptReason } from './timing.js';

export interface SafetyResult {
  /** The steps, with stopped drugs unscheduled and unmentioned drugs added to `unclear`. */
  steps: Extraction;
  /** Indexes into `steps.plan` of high-alert items: they wait for the doctor's confirmation. */
  holds: number[];
}

/** Methotrexate under the names a note or a model writes it (brands too), for the hold rule. */
const METHOTREXATE = /\b(?:methotrexate|mtx|metoject|maxtrex|nordimet|zlatal|jylamvo|otrexup|rasuvo|trexall|xatmep)\b/i;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const clip = (s: string, max: number) => {
  const t = s.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
};
/** An unclear part within the schema's limits, never without a source. */
export const unclear = (source: string, reason: string): UnclearPart => ({
  source: clip(source, MAX_SOURCE_CHARS) || '(no source)',
  reason: clip(reason, MAX_REASON_CHARS),
});

/** The drugs a plan item is about: those its text names, else those its source names. */
function itemDrugs(item: ExtractedPlanItem): Set<string> {
  const fromText = drugNames(str(item.text));
  return fromText.size > 0 ? fromText : drugNames(str(item.source));
}

/**
 * Why a plan item must not be scheduled, or null when it may. Only the note's own words count:
 * an item a doctor typed by hand (source '') is their decision and is left alone.
 */
function unscheduleReason(item: ExtractedPlanItem, byDrug: Map<string, NoteMention[]>): string | null {
  if (str(item.source).trim() === '') return null;
  for (const drug of itemDrugs(item)) {
    const mentions = byDrug.get(drug) ?? [];
    if (mentions.some((m) => m.context === 'allergy')) {
      return `the note records an allergy or reaction to ${drug}; it was not scheduled`;
    }
    const stops = mentions.filter((m) => m.context === 'stop');
    // A hold its own sentence restarts ("hold metformin for 2 days then restart") may stay only
    // when the item starts after the hold; anything else a doctor must resolve.
    const startDay = item.timing?.startDay ?? 0;
    const unresolved = stops.filter((m) => !m.restarted || startDay < Math.max(1, m.holdDays ?? 1));
    if (unresolved.length > 0) {
      const alsoPrescribed = mentions.some((m) => m.context === 'active');
      return alsoPrescribed
        ? `the note stops ${drug} and also prescribes it; it was not scheduled, confirm which applies`
        : `the note stops ${drug}; it was not scheduled`;
    }
    if (mentions.length > 0 && mentions.every((m) => m.context === 'history')) {
      return `the note mentions ${drug} only as past medication; it was not scheduled`;
    }
  }
  return null;
}

/**
 * Rule 4: a schedule the patient's clock would change (timing.ts), whoever wrote it; one whose
 * source makes an exception ("daily except Sundays") that its timing names no weekdays for; or
 * one its source starts on a condition ("if no better, start doxycycline").
 */
function unkept(item: ExtractedPlanItem): string | null {
  try {
    if (item.asNeeded || !item.timing) return null;
    const source = str(item.source).toLowerCase();
    const named = findDrugMentions(source)[0]?.start ?? source.length;
    const condition = conditionalCue(source.slice(0, named));
    if (condition) return `a conditional start ("${condition.words}"): the doctor says whether and when it starts`;
    const exception = scheduleException(source);
    if (exception && item.timing.dayOfWeek.length === 0)
      return `an exception to the schedule ("${exception}") the timing does not hold: name the days instead`;
    return unkeptReason(item.timing);
  } catch {
    return 'the schedule could not be read';
  }
}

/** High-alert: dosed less often than daily, or methotrexate however written (PRN too). */
function highAlert(item: ExtractedPlanItem): boolean {
  try {
    if (item.timing && lessThanDaily(item.timing)) return true;
    const text = str(item.text);
    if (METHOTREXATE.test(text)) return true;
    return findDrugMentions(text).length === 0 && METHOTREXATE.test(str(item.source));
  } catch {
    return true; // an item too odd to judge waits for the doctor
  }
}

/** At most MAX_ITEMS entries: the overflow is merged into one last entry, never dropped. */
export function capUnclear(list: UnclearPart[]): UnclearPart[] {
  if (list.length <= MAX_ITEMS) return list;
  const rest = list.slice(MAX_ITEMS - 1);
  const merged = unclear(
    rest.map((u) => str(u.source)).join(' … '),
    `${rest.length} parts need review: ${rest.map((u) => str(u.reason)).join('; ')}`,
  );
  return [...list.slice(0, MAX_ITEMS - 1), merged];
}

const itemTexts = (steps: Extraction): string[] => [
  ...steps.plan.flatMap((p) => [str(p.text), str(p.source)]),
  ...steps.checklist.flatMap((c) => [str(c.text), str(c.source)]),
  ...steps.unclear.flatMap((u) => [str(u.source), str(u.reason)]),
];

/**
 * `byDoctor`: the steps are a doctor's correction. The item checks that read an extractor's
 * output against its source (safety-doses.ts) are then skipped: the doctor changed the item on
 * purpose, and the source still says what it said ("for 2 days" after they made it ongoing).
 */
export function checkSafety(noteText: string, steps: Extraction, { byDoctor = false } = {}): SafetyResult {
  const note = str(noteText);
  const input = {
    checklist: Array.isArray(steps?.checklist) ? steps.checklist : [],
    plan: Array.isArray(steps?.plan) ? steps.plan : [],
    unclear: Array.isArray(steps?.unclear) ? steps.unclear : [],
  };
  const mentions = noteMentions(note);
  const byDrug = new Map<string, NoteMention[]>();
  for (const m of mentions) {
    const list = byDrug.get(m.name);
    if (list) list.push(m);
    else byDrug.set(m.name, [m]);
  }

  // Rule 2: stopped, held, past and allergy drugs are never scheduled; nor (rule 4) a schedule
  // the clock cannot keep as written, two doses of one drug merged into one item, a drug given
  // into a vein (not the patient's to take), or an item that loses its dose or its course's end.
  const plan: ExtractedPlanItem[] = [];
  const added: UnclearPart[] = [];
  for (const item of input.plan) {
    const read = () => mergedDoses(item, input.plan) ?? notTheirs(item) ?? doseLeftOut(item) ?? courseLost(item);
    const reason = unscheduleReason(item, byDrug) ?? unkept(item) ?? (byDoctor ? null : read());
    if (reason === null) plan.push(item);
    else added.push(unclear(str(item.source) || str(item.text), reason));
  }

  // Rule 1: every drug the note prescribes (or holds and restarts) ends up somewhere.
  const covered = new Set(
    itemTexts({ ...input, plan, unclear: [...input.unclear, ...added] }).flatMap((t) => [...drugNames(t)]),
  );
  for (const m of mentions) {
    if (covered.has(m.name) || !(m.context === 'active' || m.restarted)) continue;
    covered.add(m.name);
    added.push(unclear(m.sentence, `the note mentions ${m.name}; no step was made`));
  }

  // Rule 3: high-alert items wait for the doctor; so does a drug an allergy the note records
  // reaches (amoxicillin for a penicillin allergy), with the reason, unless the doctor typed the
  // item by hand (as rule 2: asking again at each correction would undo their decision).
  const holds = plan.flatMap((item, i) => (highAlert(item) ? [i] : []));
  const allergens = new Set(mentions.filter((m) => m.context === 'allergy').map((m) => m.name));
  for (const [i, item] of plan.entries()) {
    if (str(item.source).trim() === '') continue;
    for (const drug of itemDrugs(item))
      for (const allergen of allergens) {
        const why = allergyReaches(allergen, drug);
        if (!why) continue;
        if (!holds.includes(i)) holds.push(i);
        added.push(
          unclear(str(item.source) || str(item.text), `the note records an allergy to ${allergen}; ${why}: confirm`),
        );
      }
  }
  holds.sort((a, b) => a - b);
  return { steps: { checklist: input.checklist, plan, unclear: capUnclear([...input.unclear, ...added]) }, holds };
}
