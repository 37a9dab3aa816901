// One-time tasks (the checklist): "Recheck BP in 2 weeks", "TSH in 6 weeks", "Book a follow-up".
// A sentence is cut into chunks at ", " / " and " / " then "; a chunk starts a new task when it
// opens with an action ("book", "arrange") or the chunk before it already has its own due time,
// so "FBC, U&E and LFTs in 1 week" stays one task and "BP in 2 weeks and TSH in 6 weeks" is two.
import { readDue } from './rules-duration.js';
import { readFrequency } from './rules-timing.js';
import { type Span, capitalise, clean } from './rules-text.js';

export interface Task extends Span {
  text: string;
  dueInDays: number | null;
  /** "FBC every 3 months": a repeated test is not a one-time task; the caller says so. */
  recurring: boolean;
}

const FILLER_RE =
  /^(?:(?:please|pls|kindly|also|and|then|plus|otherwise|pt|patient|you|to|will|should|must|need|needs|to|remember|ensure|plan|would|like|can|could|advised|asked)\b\s*)*/;
const VERB_RE =
  /^(?:re-?check|check|repeat|re-?book|book|arrange|schedule|make an? (?:appointment|appt)|see (?:the |your |a )?(?:nurse|gp|doctor|practice|pharmacist|optician|dentist|midwife|hv|health visitor|podiatrist|physio)|attend|return (?:to|for|in)|come back|come in|pop in|collect|pick up|get (?:a |an |your |the |some )?(?:bloods?|test|scan|x-?ray|ecg|flu|covid|vaccin|swab|prescription|repeat|fit note|sick note|urine|bp|sample|dressing)|have (?:a |an |your |the )?(?:blood|test|scan|x-?ray|ecg|flu|covid|vaccin|swab|smear|bp|check|dressing|sutures|stitches|review)|remove|take out|change (?:the |your )?dressing|bring|register|order|buy|purchase|submit|send|phone|call|ring|email|do (?:a|the|your)|drop (?:\S+\s+){0,2}off|hand (?:\S+\s+){0,2}in|start (?:physio|the exercises)|self-?refer)\b/;
const NOUN_RE =
  /^(?:(?:nurse|gp|doctor|practice|clinic|hospital) (?:appt|appointment)|review|gp review|nurse review|clinic review|telephone review|phone review|tel review|follow[- ]?up|f\/u|fu|opd|clinic|appointment|appt|dressing(?: change)?|sutures?(?: out)?|stitches(?: out)?|suture removal|(?:repeat )?bloods?|blood tests?|labs?|cbc|bmp|cmp|a1c|fbc|u\s?&\s?es?|ues|lfts?|tfts?|tsh|t4|inr|hba1c|lipids?|cholesterol|crp|esr|ferritin|b12|folate|psa|egfr|renal function|bone profile|vitamin d level|ecg|cxr|chest x-?ray|x-?ray|xr|ultrasound|uss|scan|ct|mri|echo|spirometry|swab|urine|msu|smear|bp|blood pressure|weight|recheck|repeat|urate|uric acid|calcium|potassium|magnesium|iron studies|coeliac screen|cortisol|prolactin|testosterone|pregnancy test|stool sample|fit test|(?:faecal )?calprotectin|bnp|d-dimer|ck|bilirubin|albumin|serology|sputum|culture|dexa|mammogram|colonoscopy|endoscopy|ogd|audiology|hearing test|eye test|retinal screening|peak flow|acr|uacr|smear|(?:[a-z0-9-]+\s+)?levels?)\b/;
const VETO_RE =
  /\b(?:if|unless|should (?:you|it|symptoms|things)|in case|was|were|is|are|has been|have been|had|(?:already |been |was |were )done|done (?:today|already|last)|sent|taken|requested|reviewed|checked|normal|abnormal|unremarkable|nad|showed|ok|stable|fine|declined|i will|i'll|we will|we'll|i have|we have)\b|^(?:i|we|they|he|she)\b|\d+\s*\/\s*(?!52\b|12\b)\d{2,3}\b(?!\s*\/)/;

// "Lithium level in 3 months": a drug named in a blood test is the test, not a schedule.
const LEVEL_RE = /^[a-z0-9-]+(?:\s+[a-z0-9-]+)?\s+levels?\b/;
// A blood test or scan first: "FBC every 3 months while on azathioprine" is about the test.
const TEST_RE =
  /^(?:bloods?|blood tests?|labs?|cbc|bmp|cmp|a1c|fbc|u\s?&\s?es?|ues|lfts?|tfts?|tsh|inr|hba1c|lipids?|crp|esr|egfr|renal function|ecg|bp)\b/;
const CHUNK_RE = /,\s*|\s+(?:and|&|then|plus)\s+/g;

const body = (s: string) => s.slice(FILLER_RE.exec(s)?.[0].length ?? 0);

interface Chunk extends Span {
  low: string;
}

function chunks(low: string, offset: number): Chunk[] {
  const out: Chunk[] = [];
  let from = 0;
  const push = (to: number) => out.push({ start: offset + from, end: offset + to, low: low.slice(from, to) });
  for (const m of low.matchAll(CHUNK_RE)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(low.length);
  return out;
}

/** Where the tasks of one sentence are; `hasDrug` says whether a span names a drug. */
export function findTasks(note: string, low: string, sentence: Span, hasDrug: (s: Span) => boolean): Task[] {
  const parts = chunks(low.slice(sentence.start, sentence.end), sentence.start);
  // Join chunks that continue the one before: "FBC, U&E and LFTs in 1 week".
  // Flags per chunk, not re-reading the joined text: a 20 000-character note stays linear.
  const groups: Array<Chunk & { due: boolean; drug: boolean }> = [];
  for (const c of parts) {
    const prev = groups[groups.length - 1];
    const b = body(c.low);
    const drug = hasDrug(c);
    const starts = VERB_RE.test(b) || (prev?.due === true && NOUN_RE.test(b));
    if (prev && !starts && !drug && !prev.drug) {
      prev.end = c.end;
      prev.due ||= readDue(c.low) !== null;
    } else groups.push({ ...c, due: readDue(c.low) !== null, drug });
  }
  const condition = /\b(?:if|unless)\b/.exec(low.slice(sentence.start, sentence.end));
  const conditionAt = condition ? sentence.start + condition.index : Number.POSITIVE_INFINITY;
  const tasks: Task[] = [];
  for (const group of groups) {
    const g = { ...group, low: low.slice(group.start, group.end) };
    const b = body(g.low);
    const verb = VERB_RE.test(b);
    const due = readDue(g.low);
    const recurring = readFrequency(g.low) !== null;
    if (!verb && !(NOUN_RE.test(b) && (due !== null || recurring))) continue;
    // "If worse, call 111": a condition anywhere before the task makes it a maybe.
    if (VETO_RE.test(g.low) || conditionAt < g.start) continue;
    // A drug in a task is something to fetch ("collect the amoxicillin"), never a schedule here.
    if (
      hasDrug(g) &&
      !/^(?:collect|pick up|get|buy|purchase|order|bring)\b/.test(b) &&
      !LEVEL_RE.test(b) &&
      !TEST_RE.test(b)
    )
      continue;
    const text = capitalise(clean(note.slice(g.start, g.end)));
    if (text) tasks.push({ start: g.start, end: g.end, text, dueInDays: recurring ? null : due, recurring });
  }
  return tasks;
}

/** Chunks that open with an action or a test: a drug's words stop where one begins. */
export function taskStarts(low: string, sentence: Span): number[] {
  return chunks(low.slice(sentence.start, sentence.end), sentence.start)
    .filter((c) => {
      const b = body(c.low);
      return VERB_RE.test(b) || (NOUN_RE.test(b) && readDue(c.low) !== null);
    })
    .map((c) => c.start);
}
