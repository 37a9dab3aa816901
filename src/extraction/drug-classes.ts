// Drugs an allergy to another drug reaches (safety.ts): a patient allergic to penicillin is
// allergic to amoxicillin too, and some react to cephalosporins or to every NSAID. The names are
// findDrugMentions' generics; a class lists only names the lexicon knows.
const PENICILLINS = [
  'penicillin',
  'amoxicillin',
  'co-amoxiclav',
  'flucloxacillin',
  'phenoxymethylpenicillin',
  'pivmecillinam',
];
const CEPHALOSPORINS = ['cefalexin', 'cephalexin', 'cefuroxime', 'ceftriaxone'];
const NSAIDS = ['ibuprofen', 'naproxen', 'diclofenac', 'aspirin'];

/** Why an allergy to `allergen` reaches `drug` (another drug), or null when it does not. */
export function allergyReaches(allergen: string, drug: string): string | null {
  if (allergen === drug) return null;
  if (PENICILLINS.includes(allergen) && PENICILLINS.includes(drug)) return `${drug} is a penicillin`;
  if (PENICILLINS.includes(allergen) && CEPHALOSPORINS.includes(drug))
    return `${drug} is a cephalosporin, which some penicillin allergies react to`;
  if (NSAIDS.includes(allergen) && NSAIDS.includes(drug))
    return `${drug} is an NSAID like ${allergen}, which an NSAID allergy often reacts to as well`;
  return null;
}
