// Eye drops name the eye in Latin: OD (right), OS (left), OU (both). "OD" is also "once daily",
// so "1 drop OD" on its own could be a frequency or an eye: it goes to the doctor rather than
// being read as once a day. With another frequency ("1 drop OD qds") OD is the eye. The item's
// text names the eye in words, so the patient knows where the drop goes.
import type { Reading } from './rules-decide.js';

/** Words that make a drug's words an eye medicine's ("drops" alone may be ear or oral drops). */
const EYE_RE = /\b(?:eyes?|ophthalmic|oculentum|gtts?|o\.?s|o\.?u)\b/;
const NOT_EYE_RE = /\b(?:ears?|aural|otic|nasal|nose|nostrils?|oral|mouth)\b/;
const OD_RE = /\bo\.?d\b/;
const EYES: Array<[RegExp, string]> = [
  [/\b(?:right\s+eye|r\s+eye|o\.?d\b)/, 'the right eye'],
  [/\b(?:left\s+eye|l\s+eye|o\.?s\b)/, 'the left eye'],
  [/\b(?:both\s+eyes|each\s+eye|o\.?u\b)/, 'both eyes'],
];

export const isEyeMedicine = (words: string) => EYE_RE.test(words) && !NOT_EYE_RE.test(words);

/** The drug's words with an eye's "OD" read as the right eye, when they are an eye medicine's. */
export const withEyeWords = (words: string) =>
  isEyeMedicine(words) ? words.replace(new RegExp(OD_RE.source, 'g'), ' right eye ') : words;

/** Why the words cannot be read: an eye medicine's "OD" with no other frequency; else null. */
export function eyeDoubt(words: string, reading: Pick<Reading, 'frequency' | 'asNeeded'>): string | null {
  if (!isEyeMedicine(words) || !OD_RE.test(words) || reading.frequency || reading.asNeeded) return null;
  return '"OD" for eye drops may mean the right eye or once a day: write the eye and the frequency in words';
}

/** Which eye the words name, in words; null when none or more than one. */
export function eyeOf(words: string): string | null {
  if (!isEyeMedicine(words)) return null;
  const named = EYES.filter(([re]) => re.test(words)).map(([, eye]) => eye);
  return named.length === 1 ? named[0]! : null;
}
