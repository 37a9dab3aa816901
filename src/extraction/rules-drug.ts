// The drugs of one sentence: each mention gets the words from its name to the next drug (its
// dose, schedule and course), plus the words of its own clause before it (its verb, "stop").
// "amlodipine 5 mg and atorvastatin 20 mg, both once daily" gives two items with one schedule.
import { type DrugMention, findDrugMentions } from './drugs.js';
import { conditionalCue, insteadAfter, labelStatus, statusOf } from './rules-context.js';
import { isOngoing, readDuration } from './rules-duration.js';
import { type Outcome, type Reading, decide, read, says } from './rules-decide.js';
import { type Segment, itemText } from './rules-item.js';
import { doseDoubt } from './rules-doses.js';
import { phases } from './rules-phases.js';
import { readFrequency } from './rules-timing.js';
import { readTaper } from './rules-taper.js';
import { eyeDoubt, withEyeWords } from './rules-eyes.js';
import { routeDoubt } from './route.js';
import { allergyWithSchedule, conditional, DRUG_LAST_RE, drugLast, unclearAfter } from './rules-doubts.js';
import { type Span, sourceOf } from './rules-text.js';
import { MAX_SOURCE_CHARS } from './schema.js';

const CLAUSE_RE = /[,;:(]|\b(?:and|but|then|also|plus|while|whilst|because|as)\b|\s[-–]\s/g;
const DOSE_ONLY_RE =
  /\d+(?:[.,/]\d+)*\s*(?:mg|mcg|micrograms?|µg|g|grams?|ml|units?|iu|%|mmol)?|\b(?:tabs?|tablets?|caps?|capsules?|puffs?|drops?|sachets?|cream|ointment|gel|mr|sr|xl|m\/r|e\/c|oral|po|inhaler|liquid|suspension|solution|modified release|and|or|plus|&|\+)\b|[,/\s]/g;
const BOTH_RE = /\b(?:both|all|each|all three|all of them)\b/;
const TASK_VERB_RE = /^(?:collect|pick up|get|buy|purchase|order|bring)\b/;
// What may stand in a trailing clause that gives the whole sentence its course: ", long term".
const COURSE_WORDS_RE =
  /\b(?:both|all|each|of them|of these|and|then|review|to continue|continue|for|long[- ]?term|ongoing|indefinitely|for life|life-?long|until|further notice|\d+|a|an|one|two|three|four|five|six|seven|ten|twelve|days?|weeks?|months?|fortnight|\/)\b|[\s,./]/g;

/** Where the drug's own clause starts; the first drug's clause may reach the sentence start. */
const clauseStart = (low: string, from: number, to: number, first: boolean) => {
  let at = first ? from : to;
  for (const m of low.slice(from, to).matchAll(CLAUSE_RE)) at = from + m.index + m[0].length;
  return at;
};

/** Mentions of one drug written twice in a row ("Augmentin (co-amoxiclav)") count once. */
function distinct(mentions: DrugMention[], low: string): DrugMention[] {
  return mentions.filter((m, i) => {
    const prev = mentions[i - 1];
    return !(prev && prev.name === m.name && /^\s*[(/\-–]?\s*$/.test(low.slice(prev.end, m.start)));
  });
}

export interface DrugOutcome {
  outcome: Outcome;
  /** Reads the item again with a later sentence ("Course: 7 days."), which then joins the source. */
  redo?: (more: Span) => Outcome;
}

/**
 * Plan items and unclear entries for the drugs of one sentence. `stops` end a drug's words (a
 * task begins there); mentions inside `skip` (a task's own words, "lithium level") are not read.
 */
export function readDrugs(note: string, low: string, sentence: Span, stops: number[], skip: Span[]): DrugOutcome[] {
  const text = low.slice(sentence.start, sentence.end);
  const mentions = distinct(
    findDrugMentions(text)
      .map((m) => ({ ...m, start: m.start + sentence.start, end: m.end + sentence.start }))
      .filter((m) => !skip.some((s) => m.start >= s.start && m.end <= s.end)),
    low,
  );
  const label = labelStatus(text);
  const segs: Segment[] = [];
  mentions.forEach((m, i) => {
    const prevEnd = mentions[i - 1]?.end ?? sentence.start;
    const next = mentions[i + 1]?.start ?? sentence.end;
    const end = Math.min(next, ...stops.filter((s) => s > m.end));
    const lead = clauseStart(low, prevEnd, m.start, i === 0);
    const before = low.slice(lead, m.start);
    const after = low.slice(m.end, end);
    const joined = low.slice(m.end, next).replace(DOSE_ONLY_RE, '') === '' && next !== sentence.end;
    const prev = segs[segs.length - 1];
    // "Stop ibuprofen and naproxen": a drug joined to the one before shares its status.
    const inherited = prev?.joined ? prev.status : null;
    const status = label ?? statusOf(low.slice(prevEnd, m.start), after) ?? inherited ?? 'active';
    // The first drug also reads the sentence's opening words: "Tomorrow: start doxycycline …".
    const words = `${i === 0 ? low.slice(sentence.start, m.start) : before} ${after}`;
    const started = /\b(?:start|begin|commence)\w*\b/.test(before);
    // An eye drop's "OD" is the right eye, not once a day (rules-eyes.ts).
    const reading = read(withEyeWords(words), started);
    segs.push({ mention: m, lead, end, status, reading, words, joined });
  });
  share(segs, low);
  const out: DrugOutcome[] = [];
  let previous: DrugOutcome[] = [];
  segs.forEach((s, i) => {
    const before = low.slice(s.lead, s.mention.start);
    // "If allergic to penicillin, clarithromycin 500mg bd": a drug with a schedule of its own in
    // an allergy's clause is most likely the alternative, not the allergy: asked, not dropped.
    if (s.status === 'allergy' && s.reading.frequency && !s.joined) {
      const words = sourceOf(note, { start: sentence.start, end: s.end }, MAX_SOURCE_CHARS);
      const cue = conditionalCue(low.slice(sentence.start, s.lead));
      out.push({ outcome: cue ? conditional(words, cue.words) : allergyWithSchedule(words) });
      return;
    }
    if (s.status !== 'active') return;
    if (TASK_VERB_RE.test(before.trim()) && !s.reading.frequency) return;
    // "aspirin … for 2 weeks then clopidogrel …": the second drug starts when the first ends.
    const prev = segs[i - 1];
    const then = prev?.status === 'active' && THEN_RE.test(low.slice(prev.mention.end, s.mention.start));
    const offset = then ? endDay(previous) : 0;
    const source = sourceOf(note, { start: s.lead, end: s.end }, MAX_SOURCE_CHARS);
    // Back to the last drug prescribed: "if allergic to penicillin, use clarithromycin" reaches
    // over the allergy's own drug.
    const active = segs
      .slice(0, i)
      .reverse()
      .find((x) => x.status === 'active');
    const from = active ? active.mention.end : sentence.start;
    const condition =
      conditionalCue(low.slice(from, s.mention.start)) ??
      (insteadAfter(low.slice(s.mention.end, s.end)) ? { at: s.lead - from, words: '… instead' } : null);
    // What cannot be one plan item as written goes to the doctor: a conditional start, a drug
    // after one with no end, dose and schedule written before the name.
    let read: DrugOutcome[];
    if (condition) {
      const words = sourceOf(note, { start: from + condition.at, end: s.end }, MAX_SOURCE_CHARS);
      read = [{ outcome: conditional(words, condition.words) }];
    } else if (offset === null) read = [{ outcome: unclearAfter(source) }];
    else if (DRUG_LAST_RE.test(before) && readFrequency(before)) {
      read = [{ outcome: drugLast(sourceOf(note, { start: sentence.start, end: s.end }, MAX_SOURCE_CHARS)) }];
    } else read = readSegment(note, low, s, offset, segs[i + 1]?.lead ?? s.end);
    out.push(...read);
    previous = read;
  });
  return out;
}

const THEN_RE = /\bthen\b[^,;]*$/;
/** The day after the last phase of what was read before, or null when it has no end. */
function endDay(previous: DrugOutcome[]): number | null {
  const last = previous[previous.length - 1]?.outcome;
  const t = last && 'plan' in last ? last.plan.timing : null;
  return t && t.durationDays !== null ? t.startDay + t.durationDays : null;
}

const merge = (r: Reading, l: Reading): Reading => ({
  ...r,
  frequency: r.frequency ?? l.frequency,
  duration: r.duration ?? l.duration,
  ongoing: r.ongoing || l.ongoing,
  // "Fostair bd and salbutamol prn, both ongoing": a drug with its own schedule is not made PRN.
  asNeeded: r.asNeeded || (r.frequency === null && l.asNeeded),
});

/** The course a sentence's last clause gives all its drugs: "…, ramipril 1.25 mg od, long term". */
function tail(s: Segment, low: string): Reading | null {
  const after = low.slice(s.mention.end, s.end);
  const comma = after.lastIndexOf(',');
  if (comma < 0) return null;
  const words = after.slice(comma + 1);
  if (words.replace(COURSE_WORDS_RE, '') !== '') return null;
  if (!readDuration(words) && !isOngoing(words)) return null;
  return read(words);
}

/** Joined drugs borrow the schedule that follows them; "both"/"all" or a last clause lends to all. */
function share(segs: Segment[], low: string) {
  for (let i = segs.length - 2; i >= 0; i--) {
    const s = segs[i]!;
    const next = segs[i + 1]!;
    if (s.joined && !says(s.reading) && next.status === s.status) s.reading = next.reading;
  }
  const last = segs[segs.length - 1];
  const lender = segs.find((s) => BOTH_RE.test(s.words));
  const lent = lender?.reading ?? (last ? tail(last, low) : null);
  if (!lent) return;
  for (const s of segs) {
    if (s.status !== 'active' || s === lender) continue;
    const r = s.reading;
    // A course is lent only to drugs without one: "clopidogrel … for 12 months" keeps its own.
    if (r.duration === null && !r.ongoing) s.reading = merge(r, lent);
    else if (r.frequency === null && lender) s.reading = merge(r, lent);
  }
}

/** `nextLead`: where the next drug's own words start (a dose written before its name). */
function readSegment(note: string, low: string, s: Segment, offset: number, nextLead: number): DrugOutcome[] {
  // The form verb and the counts are this drug's own: not the next one's "2 puffs of salbutamol".
  const scope = low.slice(s.lead, Math.min(s.end, nextLead));
  const source = sourceOf(note, { start: s.lead, end: s.end }, MAX_SOURCE_CHARS);
  const route = routeDoubt(scope);
  if (route) return [{ outcome: { unclear: { source, reason: route } } }];
  const list = phases(low, s.mention.end, s.end);
  if (list.length > 1) return readTaper(note, low, s, list, scope, offset).map((outcome) => ({ outcome }));
  const text = itemText(note, low, s.lead, s.mention, s.end, scope);
  const doubt = doseDoubt(scope.slice(s.mention.end - s.lead), text) ?? eyeDoubt(s.words, s.reading);
  if (doubt) return [{ outcome: { unclear: { source, reason: doubt } } }];
  const outcome = decide(s.reading, text, source, s.mention.name, offset);
  const redo = (more: Span) => {
    const joined = sourceOf(note, { start: s.lead, end: more.end }, MAX_SOURCE_CHARS);
    return decide(merge(s.reading, read(low.slice(more.start, more.end))), text, joined, s.mention.name, offset);
  };
  return [{ outcome, redo }];
}
