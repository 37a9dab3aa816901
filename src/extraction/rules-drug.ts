// The drugs of one sentence: each mention gets the words from its name to the next drug (its
// dose, schedule and course), plus the words of its own clause before it (its verb, "stop").
// "amlodipine 5 mg and atorvastatin 20 mg, both once daily" gives two items with one schedule.
import { type DrugMention, findDrugMentions } from './drugs.js';
import { type Status, labelStatus, statusOf } from './rules-context.js';
import { type Outcome, type Reading, decide, read, says } from './rules-decide.js';
import { DOSE_RE, TERMINAL_RE, phases } from './rules-phases.js';
import { type Span, capitalise, clean, sourceOf } from './rules-text.js';
import { MAX_SOURCE_CHARS, MAX_TEXT_CHARS } from './schema.js';

interface Segment {
  mention: DrugMention;
  /** Start of the drug's own clause (its verb, a dose written before the name). */
  lead: number;
  end: number;
  status: Status;
  reading: Reading;
  /** The drug's own words, lower case: its clause before the name and everything after it. */
  words: string;
  /** Only a dose and "and" lie between this drug and the next: it may share the next's schedule. */
  joined: boolean;
}

const CLAUSE_RE = /[,;:(]|\b(?:and|but|then|also|plus|while|whilst|because|as)\b|\s[-–]\s/g;
const DOSE_ONLY_RE =
  /\d+(?:[.,]\d+)*\s*(?:mg|mcg|micrograms?|µg|g|grams?|ml|units?|iu|%|mmol)?|\b(?:tabs?|tablets?|caps?|capsules?|puffs?|drops?|sachets?|cream|ointment|gel|mr|sr|xl|m\/r|e\/c|oral|po|inhaler|liquid|suspension|solution|modified release|and|or|plus|&|\+)\b|[,/\s]/g;
const BOTH_RE = /\b(?:both|all|each|all three|all of them)\b/;
const TASK_VERB_RE = /^(?:collect|pick up|get|buy|purchase|order|bring)\b/;

const clauseStart = (low: string, from: number, to: number) => {
  let at = from;
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

export interface SentenceResult {
  outcomes: Outcome[];
  /** Drugs seen and how the note treats them: the caller checks nothing went missing. */
  seen: Array<{ name: string; status: Status }>;
}

/** Plan items and unclear entries for the drugs of one sentence; `stops` end a drug's words. */
export function readDrugs(note: string, low: string, sentence: Span, stops: number[]): SentenceResult {
  const text = low.slice(sentence.start, sentence.end);
  const mentions = distinct(
    findDrugMentions(text).map((m) => ({ ...m, start: m.start + sentence.start, end: m.end + sentence.start })),
    low,
  );
  const label = labelStatus(text);
  const segs: Segment[] = [];
  mentions.forEach((m, i) => {
    const prevEnd = mentions[i - 1]?.end ?? sentence.start;
    const next = mentions[i + 1]?.start ?? sentence.end;
    const end = Math.min(next, ...stops.filter((s) => s > m.end));
    const lead = clauseStart(low, prevEnd, m.start);
    const before = low.slice(lead, m.start);
    const after = low.slice(m.end, end);
    const joined = low.slice(m.end, next).replace(DOSE_ONLY_RE, '') === '' && next !== sentence.end;
    const prev = segs[segs.length - 1];
    // "Stop ibuprofen and naproxen": a drug joined to the one before shares its status.
    const inherited = prev?.joined ? prev.status : null;
    const status = label ?? statusOf(before, after) ?? inherited ?? 'active';
    const words = `${before} ${after}`;
    segs.push({ mention: m, lead, end, status, reading: read(words), words, joined });
  });
  share(segs);
  const outcomes: Outcome[] = [];
  for (const s of segs) {
    if (s.status !== 'active') continue;
    const before = low.slice(s.lead, s.mention.start);
    if (TASK_VERB_RE.test(before.trim()) && !s.reading.frequency) continue;
    outcomes.push(...readSegment(note, low, s));
  }
  return { outcomes, seen: segs.map((s) => ({ name: s.mention.name, status: s.status })) };
}

/** Joined drugs borrow the schedule that follows them; "both"/"all" lends its course to all. */
function share(segs: Segment[]) {
  for (let i = segs.length - 2; i >= 0; i--) {
    const s = segs[i]!;
    const next = segs[i + 1]!;
    if (s.joined && !says(s.reading) && next.status === s.status) s.reading = next.reading;
  }
  const lender = segs.find((s) => BOTH_RE.test(s.words));
  if (!lender) return;
  for (const s of segs) {
    if (s === lender || s.status !== lender.status) continue;
    const r = s.reading;
    const l = lender.reading;
    s.reading = {
      ...r,
      frequency: r.frequency ?? l.frequency,
      duration: r.duration ?? l.duration,
      ongoing: r.ongoing || l.ongoing,
      asNeeded: r.asNeeded || l.asNeeded,
    };
  }
}

const VERB_RE =
  /\b(take|apply|use|inhale|inject|insert|instil|instill|chew|dissolve|spray|rub|put|give|start|started|commence|continue|restart|resume|begin|try|trial|increase|switch to|change to|add|prescribed?)\b/;
const KEEP = new Set([
  'apply',
  'use',
  'inhale',
  'inject',
  'insert',
  'instil',
  'instill',
  'chew',
  'dissolve',
  'spray',
  'rub',
  'put',
  'give',
]);
const CUT_RE =
  /[,;()]|\s[-–]\s|\b(?:and|then|for|x|po|p\.o|orally|by mouth|sc|s\/c|subcut\w*|iv|im|inh|pr|top(?:ically)?|od|o\.d|bd|b\.d|bid|b\.i\.d|tds|t\.d\.s|tid|t\.i\.d|qds|q\.d\.s|qid|q\.i\.d|qd|q\.?\d+\w*|qod|q\.o\.d|qam|qpm|qhs|eod|once|twice|thrice|\d+\s*(?:x|×|times)|daily|nightly|weekly|fortnightly|monthly|every|each|a day|per|at|in|on|mane|nocte|om|hs|ac|a\.c|pc|p\.c|prn|p\.r\.n|as|when|if|until|long|ongoing|indefinitely|starting|start|from|stat|with|before|after|to|up|max\w*|regular\w*|alternate|sos|tomorrow|today|tonight|\d+\s*\/\s*(?:7|52|12)|both|all|continue|lifelong|mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*)\b|×/;
const FORM_VERBS: Array<[RegExp, string]> = [
  [/\b(?:cream|ointment|gel|lotion|emollient|paste|balm)\b/, 'Apply'],
  [/\b(?:insulin|units?\b.*\b(?:sc|s\/c|subcut)|sc|s\/c|subcut\w*|injection|pen|im)\b/, 'Inject'],
  [/\b(?:drops|inhaler|puffs?|spray|patch|pessary|suppository|mouthwash|nebuli[sz]er|nebs?)\b/, 'Use'],
];

/** "Take amoxicillin 500 mg": the verb, a dose written before the name, the name and its dose. */
export function itemText(
  note: string,
  low: string,
  lead: number,
  name: DrugMention,
  end: number,
  scope: string,
): string {
  const before = low.slice(lead, name.start);
  const verb = VERB_RE.exec(before);
  const dosePart = verb ? note.slice(lead + verb.index + verb[0].length, name.start) : note.slice(lead, name.start);
  const leadDose = /\d/.test(dosePart) ? clean(dosePart.replace(/^\s*(?:on|taking|with)\b/i, '')) : '';
  const cut = CUT_RE.exec(low.slice(name.end, end));
  const written = clean(note.slice(name.start, cut ? name.end + cut.index : end));
  // "Amoxicillin" at the start of a line is not a proper noun; "MTX" or "Fosamax" stay as written.
  const drug = /^[A-Z][a-z]/.test(written) ? written[0]!.toLowerCase() + written.slice(1) : written;
  const chosen = verb && KEEP.has(verb[1]!) ? verb[1]! : (FORM_VERBS.find(([re]) => re.test(scope))?.[1] ?? 'take');
  return capitalise(clean(`${chosen} ${leadDose} ${drug}`))
    .slice(0, MAX_TEXT_CHARS)
    .trim();
}

function readSegment(note: string, low: string, s: Segment): Outcome[] {
  const scope = low.slice(s.lead, s.end);
  const list = phases(low, s.mention.end, s.end);
  if (list.length <= 1) {
    const text = itemText(note, low, s.lead, s.mention, s.end, scope);
    const source = sourceOf(note, { start: s.lead, end: s.end }, MAX_SOURCE_CHARS);
    return [decide(s.reading, text, source, s.mention.name)];
  }
  return readTaper(note, low, s, list, scope);
}

/** A taper: one item per phase, each later phase starting when the one before it ends. */
function readTaper(note: string, low: string, s: Segment, list: Span[], scope: string): Outcome[] {
  const out: Outcome[] = [];
  const first = itemText(note, low, s.lead, s.mention, list[0]!.end, scope);
  const verb = first.split(' ')[0]!;
  const name = note.slice(s.mention.start, s.mention.end);
  let prev: Reading | null = null;
  let text = first;
  let offset: number | null = 0;
  list.forEach((p, i) => {
    const words = low.slice(p.start, p.end);
    if (i > 0 && TERMINAL_RE.test(words)) return;
    const source = sourceOf(note, i === 0 ? { start: s.lead, end: p.end } : p, MAX_SOURCE_CHARS);
    if (!source) return;
    const own = read(i === 0 ? `${low.slice(s.lead, s.mention.start)} ${low.slice(s.mention.end, p.end)}` : words);
    const dose = i === 0 ? null : DOSE_RE.exec(note.slice(p.start, p.end).toLowerCase());
    if (i > 0 && !dose && !says(own)) return;
    if (dose)
      text = capitalise(
        clean(`${verb} ${name} ${note.slice(p.start + dose.index, p.start + dose.index + dose[0].length)}`),
      );
    // A phase that names no frequency keeps the taper's: "40 mg od 5/7, then 30 mg 5/7".
    const reading = own.frequency || own.asNeeded || !prev ? own : { ...own, frequency: prev.frequency };
    if (offset === null) {
      out.push({ unclear: { source, reason: 'taper: an earlier phase has no end, so this one has no start' } });
      return;
    }
    const outcome = decide(reading, text, source, s.mention.name, offset);
    out.push(outcome);
    const t = 'plan' in outcome ? outcome.plan.timing : null;
    offset = t && t.durationDays !== null ? t.startDay + t.durationDays : null;
    prev = reading;
  });
  return out;
}
