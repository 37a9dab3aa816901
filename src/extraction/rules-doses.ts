// The amounts in one drug's words (lower case), for the doses a plan item must not lose or merge.

/** Not after "max", "up to", …: a maximum is not a dose. */
const NOT_A_MAX = String.raw`(?<!\b(?:max(?:imum)?|up to|no more than|not more than|not exceeding|at most|total(?: of)?)\.?\s+(?:of\s+)?)`;
/** Amounts in brackets are totals or equivalents ("6 tablets (15mg)", "(1.5g a day)"). */
const withoutBrackets = (s: string) => s.replace(/\([^)]*\)/g, ' ');

// "Furosemide 80mg mane and 40mg midday": two different amounts for one drug with no "then"
// between them (a taper's phases are read one by one). Read as one item, one of the doses would
// be given at both times. A concentration ("250 mg/5 ml"), a range ("500mg-1g"), a maximum
// ("max 4g daily") or an amount in brackets (a total: "6 tablets (15mg)", "(1.5g a day)") is not
// a second dose.
const AMOUNT_RE = new RegExp(
  String.raw`(?<!\/\s*)${NOT_A_MAX}\b(\d+(?:\.\d+)?)\s*(mg|mcg|micrograms?|g|units?|iu|ml)\b(?!\s*\/)`,
  'g',
);
const TO_MG: Record<string, number> = { mg: 1, mcg: 0.001, microgram: 0.001, micrograms: 0.001, g: 1000 };

const AMOUNT = String.raw`\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units?|iu|ml)\b`;
/** "from 5mg to 2.5mg": the dose it changes from is not one to give. */
const FROM_RE = new RegExp(String.raw`\bfrom\s+${AMOUNT}\s*(?=(?:to|->|→)\s*\d)`, 'g');

// "Increase sertraline to 100mg", "amlodipine increased to 10mg", "bisoprolol from 5mg to
// 2.5mg": a titration names the dose to give after "to". Only right after the name, so "500mg
// to 1g" (a range) is not one.
const TITRATED_RE = new RegExp(
  String.raw`^\s*(?:\([^)]{0,40}\)\s*)?(?:(?:dose\s+)?(?:increased|reduced|decreased|titrated|changed|switched)\s+)?(?:from\s+${AMOUNT}\s*)?(?:to|->|→)\s*(${AMOUNT})`,
);

/** The dose a titration right after the drug's name gives ("to 100mg"), as written; else null. */
export const titratedDose = (afterName: string): string | null => TITRATED_RE.exec(afterName)?.[1] ?? null;

/** The distinct amounts in words (lower case), each as "80 mg" (masses in mg) → as written. */
export function amountsIn(s: string): Map<string, string> {
  const seen = new Map<string, string>();
  const plain = withoutBrackets(s)
    .replace(FROM_RE, ' ')
    .replace(/\d+(?:\.\d+)?\s*[a-z]*\s*[-–]\s*\d+(?:\.\d+)?\s*[a-z]*/g, ' ');
  for (const m of plain.matchAll(AMOUNT_RE)) {
    const unit = m[2]!;
    const factor = TO_MG[unit];
    const value = Number(m[1]) * (factor ?? 1);
    const key = factor === undefined ? `${value} ${unit.replace(/s$/, '').replace(/^iu$/, 'unit')}` : `${value} mg`;
    if (!seen.has(key)) seen.set(key, m[0]);
  }
  return seen;
}

/** The two amounts when a drug's words give it different doses, e.g. "80mg … 40mg"; else null. */
export function twoDoses(s: string): string | null {
  const seen = amountsIn(s);
  return seen.size > 1 ? [...seen.values()].slice(0, 2).join(' … ') : null;
}

// "Prednisolone 5mg tablets - 8 tablets (40mg) od": a count of tablets (or puffs, drops, ml)
// after the words the item's text keeps. The text would read "Take prednisolone 5mg tablets",
// one tablet where eight are meant. A maximum ("max 8 tabs/24h") is not a dose.
const FORMS = 'tablets?|tabs?|capsules?|caps?|puffs?|drops?|sachets?|spoonfuls?';
const COUNT_RE = new RegExp(
  String.raw`${NOT_A_MAX}\b(\d+(?:\.\d+)?)\s*(?:x\s*)?(${FORMS}|ml)\b(?!\s*(?:\/|in\s+24|a\s+day|per\s+day|daily))`,
  'g',
);
const STATED_COUNT_RE = new RegExp(
  String.raw`\b(?:\d+(?:\.\d+)?|one|two|three|four|half|a)\s*(?:x\s*)?(?:${FORMS}|patch(?:es)?|sprays?|pessar(?:y|ies)|suppositor(?:y|ies))\b`,
  'i',
);

/** Whether an item's text gives its dose as a count ("Take 4 tablets", "2 puffs"). */
export const statesCount = (text: string) => STATED_COUNT_RE.test(text);

/** A count in the drug's words (brackets aside) that the item's text leaves out, or null. */
export function countLeftOut(words: string, text: string): string | null {
  const kept = text.toLowerCase().replace(/\s+/g, '');
  for (const m of withoutBrackets(words).matchAll(COUNT_RE)) {
    if (!kept.includes(m[0].replace(/\s+/g, ''))) return m[0];
  }
  return null;
}

/** An amount in the drug's words after its name (the only one) the item's text leaves out. */
export function amountLeftOut(words: string, text: string): string | null {
  const own = amountsIn(words);
  if (own.size !== 1) return null; // none, or two doses: twoDoses' case
  const kept = amountsIn(text.toLowerCase());
  const [key, written] = [...own.entries()][0]!;
  return kept.has(key) ? null : written;
}

/** "1.5mg/kg": a dose the patient would have to work out from their weight. */
export const perWeight = (words: string): string | null =>
  /\b\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units?|ml)\s*\/\s*kg\b/.exec(words)?.[0] ?? null;

/** Why a drug's words after its name (`own`) cannot be the item `text` says, or null. */
export function doseDoubt(own: string, text: string): string | null {
  const left = countLeftOut(own, text);
  if (left) return `a dose apart from the drug's name ("${left}")`;
  const lost = amountLeftOut(own, text);
  if (lost) return `a dose the item's text would leave out ("${lost}")`;
  const kg = perWeight(own);
  return kg ? `a dose by weight ("${kg}"): give the amount` : null;
}
