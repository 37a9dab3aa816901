// The words of a plan item: "Take amoxicillin 500 mg" — the verb, a dose written before the
// name, the name as written and its dose, without the timing words (DESIGN.md §7).
import type { DrugMention } from './drugs.js';
import type { Status } from './rules-context.js';
import type { Reading } from './rules-decide.js';
import { titratedDose } from './rules-doses.js';
import { eyeOf } from './rules-eyes.js';
import { capitalise, clean } from './rules-text.js';
import { MAX_TEXT_CHARS } from './schema.js';

export interface Segment {
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
  /,(?!\d{3})|[;()]|\s[-–]\s|\b(?:and|then|for|x|po|p\.o|orally|by mouth|sc|s\/c|subcut\w*|iv|im|inh|pr|top(?:ically)?|od|o\.d|bd|b\.d|bid|b\.i\.d|tds|t\.d\.s|tid|t\.i\.d|qds|q\.d\.s|qid|q\.i\.d|qd|q\.?\d+\w*|qod|q\.o\.d|qam|qpm|qhs|eod|once|twice|thrice|(?:\d+\s*(?:-|–|to)\s*)?\d+\s*-?\s*(?:hourly|hrly)|hourly|hrly|(?:\d+|one|two|three|four|five|six)\s*(?:x|×|times)|daily|nightly|weekly|fortnightly|monthly|every|each|a day|per|at|in|on|mane|nocte|om|hs|ac|a\.c|pc|p\.c|prn|p\.r\.n|as|when|if|until|long|ongoing|indefinitely|starting|start|from|stat|o\.?s|o\.?u|with|before|after|to|up|max\w*|regular\w*|alt(?:ernate)?|sos|tomorrow|today|tonight|\d+\s*\/\s*(?:7|52|12)|both|all|continue|lifelong|mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*)\b|×/;
const FORM_VERBS: Array<[RegExp, string]> = [
  [/\b(?:cream|ointment|gel|lotion|emollient|paste|balm)\b/, 'Apply'],
  [
    /\b(?:insulin|enoxaparin|dalteparin|tinzaparin|heparin|adalimumab|etanercept|denosumab|semaglutide|liraglutide|dulaglutide|units?\b.*\b(?:sc|s\/c|subcut)|sc|s\/c|subcut\w*|injection|pen|im)\b/,
    'Inject',
  ],
  [/\b(?:drops?|inhaler|puffs?|spray|patch|pessary|suppository|mouthwash|nebuli[sz]er|nebs?)\b/, 'Use'],
];

// "Amoxicillin" at the start of a line is not a proper noun; "MTX" or "Fosamax" stay as written.
export const lowerName = (s: string, generic: string) =>
  /^[A-Z][a-z]/.test(s) && s.toLowerCase().startsWith(generic) ? s[0]!.toLowerCase() + s.slice(1) : s;

/** The verb, a dose written before the name, the name and its dose. */
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
  // "Augmentin (co-amoxiclav) 625mg": a bracketed other name is part of the name, not a cut.
  const paren = /^\s*\([^)]{0,40}\)/.exec(low.slice(name.end, end))?.[0].length ?? 0;
  // "Increase sertraline to 100mg": the dose to give is after "to", which otherwise cuts.
  const titrated = titratedDose(low.slice(name.end, end));
  const cut = titrated ? null : CUT_RE.exec(low.slice(name.end + paren, end));
  const written = titrated
    ? clean(`${note.slice(name.start, name.end + paren)} ${titrated}`)
    : clean(note.slice(name.start, cut ? name.end + paren + cut.index : end));
  // "Clobetasol cream apply thinly bd": the verb leads the text once, not twice.
  const drug = lowerName(written, name.name).replace(/\s+(?:apply|use|take|inhale|instil|insert)\b/gi, '');
  // The doctor's own verb stays ("Take 2 puffs"); "start"/"continue" become the form's verb.
  const own = verb && (KEEP.has(verb[1]!) || verb[1] === 'take') ? verb[1]! : null;
  const chosen = own ?? FORM_VERBS.find(([re]) => re.test(scope))?.[1] ?? 'take';
  // Which eye, in words: "OS" would mean nothing to most patients.
  const eye = eyeOf(scope);
  const where = eye && !/\b(?:right|left|both|each)\s+eyes?\b/i.test(drug) ? `in ${eye}` : '';
  return capitalise(clean(`${chosen} ${leadDose} ${drug} ${where}`))
    .slice(0, MAX_TEXT_CHARS)
    .trim();
}
