// Vocabulary for the rules extractor: number words, verbs, medication cues and the vetoes
// that keep narrative text ("reports pain twice a day") from becoming invented steps.

const UNIT_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEEN_WORDS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS_WORDS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Regex source for a count written as digits or words (no capture groups inside). */
export const NUM = `(?:\\d+|(?:${TENS_WORDS.join('|')})(?:[- ](?:${UNIT_WORDS.join('|')}))?|${TEEN_WORDS.join('|')}|${UNIT_WORDS.join('|')})`;
/** Same, plus the article forms used with durations ("for a week", "a couple of days"). */
export const NUM_A = `(?:a\\s+couple\\s+of|a\\s+single|another|an?|${NUM})`;

export function parseNum(raw: string): number | null {
  const s = raw.toLowerCase().trim().replace(/\s+/g, ' ');
  if (/^\d+$/.test(s)) return Number(s);
  if (s === 'a' || s === 'an' || s === 'a single' || s === 'another') return 1;
  if (s === 'a couple of') return 2;
  const unit = UNIT_WORDS.indexOf(s);
  if (unit >= 0) return unit + 1;
  const teen = TEEN_WORDS.indexOf(s);
  if (teen >= 0) return teen + 10;
  const [tens, ones] = s.split(/[- ]/);
  const t = TENS_WORDS.indexOf(tens ?? '');
  if (t < 0) return null;
  const o = ones === undefined ? 0 : UNIT_WORDS.indexOf(ones) + 1;
  return o < 0 ? null : (t + 2) * 10 + o;
}

/** Imperatives that begin a scheduled instruction. */
const INSTRUCTION_VERBS = [
  'take',
  'apply',
  'use',
  'inhale',
  'instil',
  'instill',
  'insert',
  'inject',
  'spray',
  'rinse',
  'gargle',
  'chew',
  'dissolve',
  'swallow',
  'drink',
  'eat',
  'do',
  'perform',
  'practise',
  'practice',
  'check',
  'measure',
  'monitor',
  'record',
  'test',
  'weigh',
  'walk',
  'exercise',
  'stretch',
  'elevate',
  'ice',
  'wear',
  'change',
  'clean',
  'wash',
  'soak',
  'massage',
  'put',
  'place',
  'give',
  'administer',
  'rub',
  'brush',
  'flush',
  'irrigate',
  'nebulise',
  'nebulize',
  'continue',
  'start',
  'begin',
  'resume',
  'restart',
  'commence',
  'collect',
  'empty',
  'cover',
  'dress',
  'cycle',
  'swim',
  'keep',
  'rest',
  'raise',
  'sit',
  'lie',
  'breathe',
];
export const INSTRUCTION_VERB_RE = new RegExp(`^(?:${INSTRUCTION_VERBS.join('|')})\\b`, 'i');

/** One-time patient tasks (DESIGN.md §7: "buy …", "book a follow-up …"). */
export const TASK_RE = new RegExp(
  '^(?:buy|purchase|pick[- ]up|collect|book|schedule|arrange|register|fill|order|' +
    'make\\s+an?\\s+(?:appointment|booking)|' +
    'get\\b(?=.*\\b(?:from|at)\\s+(?:the\\s+|your\\s+|a\\s+)?(?:local\\s+)?(?:pharmacy|chemist|drugstore|dispensary)\\b)|' +
    'get\\b(?=.*\\b(?:blood\\s+tests?|bloods|x-?ray|scan|ultrasound|ecg|vaccine|vaccination|flu\\s+(?:shot|jab))\\b))' +
    '\\s+\\S',
  'i',
);

// A dose, a dosage form or a drug-name shape: enough to call a verb-less fragment a medication.
const DOSE_RE =
  /\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|g|grams?|ml|units?|iu|mmol|%|tabs?|tablets?|caps?|capsules?|puffs?|drops?|sprays?|sachets?|patch(?:es)?|lozenges?)\b/i;
const FORM_RE =
  /\b(?:tablets?|capsules?|pills?|puffs?|drops?|inhaler|cream|ointment|gel|lotion|patch|sachets?|syrup|suspension|mouthwash|antibiotics?|medications?|medicines?|insulin|vitamin\s*\w+|supplements?|iron|folic\s+acid)\b/i;
const DRUG_RE =
  /\b\w+(?:cillin|mycin|cycline|floxacin|olol|pril|sartan|statin|prazole|conazole|profen|fenac|formin|gliptin|tidine|setron|azepam|codeine|morphine|tamol|parin|xaban|gatran|olone|isone|asone|dipine|semide|thiazide|clovir|triptan|oxetine|traline|dronate|thyroxine|farin)\b|\b(?:aspirin|acetaminophen|salbutamol|albuterol|cetirizine|loratadine|lactulose)\b/i;

export const looksLikeMedication = (s: string): boolean => DOSE_RE.test(s) || FORM_RE.test(s) || DRUG_RE.test(s);

// Vetoes. Reminders for these would be wrong, not merely incomplete:
// - as-needed / ceilings: a maximum ("up to 4 times a day") is not a target to remind about;
// - negations and stops: "do not take more than twice daily" is the opposite of a schedule;
// - conditionals: "if fever, …" may never apply;
// - narrative/history: what happened before is not an instruction.
const PRN_RE =
  /\b(?:prn|p\.r\.n\.?|as\s+needed|as\s+required|when\s+needed|when\s+required|if\s+needed|if\s+required|if\s+necessary|up\s+to|no\s+more\s+than|not\s+more\s+than|max(?:imum)?|at\s+most|as\s+necessary)\b/i;
const NEGATION_RE =
  /\b(?:do\s+not|don'?t|never|avoid|stop|stopped|discontinue[d]?|cease|withhold|no\s+longer|not\s+to)\b/i;
const CONDITIONAL_RE =
  /^(?:if|when|whenever|in\s+case|should\s+(?:you|the|symptoms))\b|\bif\s+(?:you|your|the|there|pain|fever|symptoms|it|needed|required|necessary)\b/i;
const NARRATIVE_RE =
  /\b(?:was|were|had|has\s+been|have\s+been|is\s+taking|are\s+taking|takes|is\s+on|currently|reports?|reported|complains?|complained|c\/o|presents?|presented|presenting|denies|denied|history|hx|previously|ago|since|experienc\w*|occurs?|occurring|episodes?|admitted|admission)\b/i;

export function vetoedInstruction(s: string): boolean {
  return PRN_RE.test(s) || NEGATION_RE.test(s) || CONDITIONAL_RE.test(s) || NARRATIVE_RE.test(s);
}
/** Buying something "to take as needed" is still a task, so only negation/conditions veto one. */
export function vetoedTask(s: string): boolean {
  return NEGATION_RE.test(s) || CONDITIONAL_RE.test(s);
}

/** Polite or third-person openings that do not change the instruction. */
export const LEAD_IN_RE = new RegExp(
  '^(?:(?:please|also|then|and|now|so|pt|patient|you|he|she|they)\\s+)*' +
    '(?:(?:should|must|can|will|will\\s+need\\s+to|needs?\\s+to|to|is\\s+to|are\\s+to|has\\s+to|have\\s+to|' +
    "remember\\s+to|make\\s+sure\\s+(?:to|you)|(?:do\\s+not|don'?t)\\s+forget\\s+to|be\\s+sure\\s+to|" +
    'advised\\s+to|instructed\\s+to|asked\\s+to|continue\\s+to|try\\s+to)\\s+)?',
  'i',
);

/** Section labels in front of a line ("Plan:", "Rx -"). */
export const LABEL_RE =
  /^(?:plan|rx|meds|medications?|medicines?|instructions?|advice|tasks?|to\s*do|discharge\s+(?:plan|meds|medications?)|treatment|management)\s*[:-]\s*/i;
