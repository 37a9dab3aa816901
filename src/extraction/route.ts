// A drug given into a vein is given by a nurse or a doctor, not taken by the patient: a reminder
// "Take amoxicillin 1g" for "amoxicillin 1g tds iv" would read as a dose to swallow, beside the
// one the drip gives. Such words go to the doctor, from the rules extractor and from any other.
const IV_RE = /(?<![a-z])(?:iv|i\.v\.?|ivi|intravenous(?:ly)?|infusion|drip)(?![a-z])/;

/** Why words about one drug cannot be a patient's reminder because of their route, or null. */
export function routeDoubt(words: string): string | null {
  const iv = IV_RE.exec(words.toLowerCase());
  return iv
    ? `given intravenously ("${iv[0]}"): not a dose the patient takes; give the oral or home part as its own item`
    : null;
}
