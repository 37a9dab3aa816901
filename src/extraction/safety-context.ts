// The context each drug mention of a note sits in, for the safety check: prescribed ('active'),
// stopped or held ('stop'), past ('history') or an allergy ('allergy'). Deliberately simple and
// biased to caution: when unsure a mention counts as stopped, so a schedule goes to the doctor.
import { findDrugMentions } from './drugs.js';

export type MentionContext = 'active' | 'stop' | 'history' | 'allergy';

export interface NoteMention {
  /** Generic name, as findDrugMentions gives it. */
  name: string;
  context: MentionContext;
  /** The sentence of the note the mention is in (trimmed). */
  sentence: string;
  /** A stop/hold whose own sentence restarts the drug later ("hold … then restart"). */
  restarted: boolean;
  /** Days of a hold when its sentence says ("for 2 days", "x 3/7"); null when it does not. */
  holdDays: number | null;
}

// A sentence ends at . ! ? ; (before a space or the end) or at a line break.
const SENTENCE_END = /[.!?;]+(?=\s|$)|\n+/g;
// Inside a sentence: a dash, "but" or "while on" starts a new thought ("do not take ibuprofen
// while on apixaban" stops only ibuprofen); commas, "and", "then" … continue the previous one
// ("Stop amlodipine and ramipril" stops both).
const SEPARATOR =
  /(?<reset>\s-\s|[–—]|\bbut\b|\bhowever\b|\bwhil(?:e|st)\s+on\b)|(?<inherit>[,:()&+]|\band\b|\bor\b|\bthen\b)/gi;

const ALLERGY = String.raw`\ballerg\w*|\b(?:rash|reaction|hives|urticaria|swelling)\s+(?:with|to|from|after|on)\b|\bintoleran\w*|\banaphyla\w*|\bhypersensitiv\w*|\bsensitivity\s+to\b|\bcaused\s+(?:a\s+)?rash\b`;
// "Do not take (it) on an empty stomach / with milk / more than 8 in 24 hours": how to take it,
// not a stop. Food, drink, amounts and times only: "do not take ibuprofen with warfarin" stops.
const HOW_NOT = String.raw`\s+(?:[a-z-]+\s+)?(?:it\s+|them\s+|this\s+|these\s+)?(?:on\s+an?\s+(?:empty|full)|with(?:in)?\s+(?:\d|food|milk|dairy|tea|coffee|juice|grapefruit|alcohol|meals?)\b|more\s+than\b|at\s+(?:night|bedtime)\b|before\s+(?:bed|lying)\b|lying\s+down\b)`;
const STOP = String.raw`\b(?:do\s+not|don'?t|never|not\s+to|must\s+not|should\s+not|not)\s+(?:be\s+)?(?:take[ns]?|taking|use[ds]?|using|give[ns]?|restart\w*|start\w*|continu\w*|resum\w*)\b(?!${HOW_NOT})|\bstop(?:s|ped|ping)?(?:\s+(?:taking|using|giving))?\b|\bdiscontinu\w*|\bceas(?:e|ed|es|ing)\b|\bwithh[oe]ld\w*|\bhold(?:s|ing)?\b|\bheld\b|\bsuspend\w*|\bpaus(?:e|ed|es|ing)\b|\bomit\w*|\bavoid\w*|\bno\s+(?:longer|more(?!\s+than))(?:\s+(?:taking|using|on))?\b|(?<!\btry\s+to\s+)\bcome\s+off\b|\b(?:switch|chang)\w*\s+from\b|\b(?:switch|chang)\w*(?=\s+(?!from\b|to\b)[^,.;]{1,60}?\bto\s+(?!\d))`;
const HISTORY = String.raw`\bpreviously\b|\bprior\b|\bformerly\b|\b(?:was|were|had\s+been)\s+on\b|\bused\s+to\b|\btried\b|\bfailed\b|\bhistory\s+of\b|\bh\/o\b|\bin\s+the\s+past\b|\bago\b|\bnot\s+on\b(?!\s+(?:an?\s+)?(?:empty|full)\b)|\bhx\b|\bDH\b|\bdrug\s+history\b|\bhad\s+(?:a\s+)?(?:course|trial)\s+of\b|\bafter\s+finishing\b|\b(?:completed|finished)\b|\blast\s+(?:week|month|year)\b|\bcausing\b`;
const ACTIVE = String.raw`\bre-?start\w*|\bstart\w*|\btake\b|\btaking\b|\bbegin\b|\bcommenc\w*|\bcontinu\w*|\bresum\w*|\brecommenc\w*|\buse\b|\bgive\b|\bprescrib\w*|\badd(?:ed)?\b|\bincreas\w*|\breduc\w*|\bdecreas\w*|\bswitch\w*|\bchange\w*\s+to\b|\bapply\b|\binhale\b|\btitrat\w*|\brx\b|\b(?:go|put)\s+on\b|\bto\b(?<=\b(?:switch|chang)\w*\s+[^,.;]{0,80}\bto)(?!\s+\d)|(?<=(?:^|[,:]|\band|\bbut)\s*)now\b(?!\s+(?:off|stop\w*|no\s+longer|discontinu\w*|ceas\w*|held|withh\w*)\b)`;
const CUE = new RegExp(`(?<allergy>${ALLERGY})|(?<stop>${STOP})|(?<history>${HISTORY})|(?<active>${ACTIVE})`, 'gi');
const RESTART = /\b(?:re-?start\w*|resum\w*|recommenc\w*|re-?introduc\w*|back\s+on)\b/gi;

interface Cue {
  at: number;
  context: MentionContext;
}
interface Segment {
  start: number;
  end: number;
  /** Whether the separator before it continues the previous segment's context. */
  inherits: boolean;
  /** "then …": a sequel ("…for 5 days, then stop" ends a course; it stops nothing). */
  sequel: boolean;
}

/** How far after a stop mention its restart or hold length is looked for. */
const AFTER_CHARS = 300;

/** Index of the segment holding `pos` (binary search); -1 when it falls between segments. */
function segmentAt(segments: Segment[], pos: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.start <= pos) lo = mid;
    else hi = mid - 1;
  }
  const g = segments[lo];
  return g && pos >= g.start && pos < g.end ? lo : -1;
}

/** Pieces of `text` between matches of `re`, as [start, end) with the match that ended each. */
function pieces(text: string, re: RegExp): Array<{ start: number; end: number; sep?: RegExpMatchArray }> {
  const out: Array<{ start: number; end: number; sep?: RegExpMatchArray }> = [];
  let start = 0;
  for (const m of text.matchAll(re)) {
    out.push({ start, end: m.index, sep: m });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  return out;
}

function cuesOf(text: string): Cue[] {
  return [...text.matchAll(CUE)].map((m) => ({
    at: m.index,
    context: (Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined)?.[0] ?? 'active') as MentionContext,
  }));
}

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, seven: 7 };
const num = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);

/** The length of a hold its sentence states, in days. */
export function holdDaysIn(text: string): number | null {
  const words = /\bfor\s+(\d+|an?|one|two|three|four|five|seven)\s+(day|night|week|hour)s?\b/i.exec(text);
  if (words) {
    const unit = words[2]!.toLowerCase();
    const n = num(words[1]!);
    return unit === 'week' ? n * 7 : unit === 'hour' ? Math.ceil(n / 24) : n;
  }
  const slash = /\b(\d+)\s*\/\s*(7|52)\b/.exec(text);
  if (slash) return Number(slash[1]) * (slash[2] === '52' ? 7 : 1);
  return null;
}

/** Every drug mention of the note with its context, in note order. */
export function noteMentions(note: string): NoteMention[] {
  const out: NoteMention[] = [];
  for (const s of pieces(note, SENTENCE_END)) {
    const text = note.slice(s.start, s.end);
    const question = s.sep?.[0]?.includes('?') ?? false;
    const mentions = findDrugMentions(text);
    if (mentions.length === 0) continue;
    const cues = cuesOf(text);
    const segments: Segment[] = [];
    // Blank pieces (", then") are skipped; their separators still count.
    let inherits = false;
    let sequel = false;
    for (const p of pieces(text, SEPARATOR)) {
      const body = text.slice(p.start, p.end);
      const blank = body.trim() === '';
      if (!blank) segments.push({ start: p.start, end: p.end, inherits, sequel: sequel || /^\s*then\b/i.test(body) });
      const inheritSep = p.sep?.groups?.inherit !== undefined;
      inherits = blank && segments.length > 0 ? inherits && inheritSep : inheritSep;
      sequel = (blank && sequel) || /^then$/i.test(p.sep?.[0] ?? '');
    }
    // Cues and drugs bucketed by segment once, so a long note stays linear.
    const at = (pos: number) => segmentAt(segments, pos);
    const cuesBySeg: Cue[][] = segments.map(() => []);
    for (const c of cues) cuesBySeg[at(c.at)]?.push(c);
    const drugsBySeg: string[][] = segments.map(() => []);
    for (const m of mentions) drugsBySeg[at(m.start)]?.push(m.name);
    const hasDrug = drugsBySeg.map((d) => d.length > 0);
    // A restart after a stop restarts this drug when its clause names no other drug
    // ("hold metformin for 2 days, then restart"; not "stop ibuprofen and restart naproxen").
    const restarts = (m: { name: string; end: number }) =>
      [...text.slice(m.end, m.end + AFTER_CHARS).matchAll(RESTART)].some((r) =>
        (drugsBySeg[at(m.end + r.index)] ?? [m.name]).every((d) => d === m.name),
      );
    // A segment's own context: its last cue; else the previous one's when it continues it.
    const carried: MentionContext[] = [];
    segments.forEach((g, i) => {
      carried.push(cuesBySeg[i]!.at(-1)?.context ?? (g.inherits && i > 0 ? carried[i - 1]! : 'active'));
    });
    const sentence = text.trim();
    for (const m of mentions) {
      const i = at(m.start);
      const g = segments[i];
      const inSeg = cuesBySeg[i];
      if (!g || !inSeg) continue; // a drug inside a separator cannot happen; never throw if it does
      let context = inSeg.filter((c) => c.at < m.start).at(-1)?.context ?? inSeg.find((c) => c.at >= m.end)?.context;
      // "Warfarin — stopped", "Simvastatin - muscle aches, stopped": a cue in the segments after,
      // while they name no drug and are no sequel, belongs to this drug.
      for (let j = i + 1; context === undefined && j < segments.length && !hasDrug[j] && !segments[j]!.sequel; j++)
        context = cuesBySeg[j]!.find((c) => c.context !== 'active')?.context;
      // A question ("Hyoscine? no.") prescribes nothing.
      context ??= g.inherits && i > 0 ? carried[i - 1]! : question ? 'history' : 'active';
      out.push({
        name: m.name,
        context,
        sentence,
        restarted: context === 'stop' && restarts(m),
        holdDays: context === 'stop' ? holdDaysIn(text.slice(m.end, m.end + AFTER_CHARS)) : null,
      });
    }
  }
  return out;
}
