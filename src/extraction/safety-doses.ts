// Rule 4's item checks, for any extractor, each on the drug's own words in the item's source
// (from its name to the next drug's, so two drugs' doses or routes are not one's):
// - two doses merged: "Furosemide 80mg mane and 40mg midday" as one item gives one of them at
//   both times. A model may split them correctly or merge them; the plan tells which: a split
//   (or a taper's phases) has the drug's items carrying different amounts in their texts;
// - a drug given into a vein (route.ts): not a dose the patient takes;
// - a text that loses the one dose the words state ("Take sertraline" for "… to 100mg");
// - an ongoing item whose words give a course length: it would never end.
// The rules extractor sends such words to the doctor itself (rules-drug.ts); these are its net too.
import { drugNames, findDrugMentions } from './drugs.js';
import { amountLeftOut, amountsIn, statesCount, twoDoses } from './rules-doses.js';
import { isOpenEnded, readDuration } from './rules-duration.js';
import { routeDoubt } from './route.js';
import type { ExtractedPlanItem } from './schema.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Why `item` merges two doses its source gives one drug, or null. */
export function mergedDoses(item: ExtractedPlanItem, plan: readonly ExtractedPlanItem[]): string | null {
  const source = str(item.source).toLowerCase();
  if (source.trim() === '') return null; // typed by hand: the doctor's decision
  const mentions = findDrugMentions(source);
  const own = drugNames(str(item.text));
  for (const [i, m] of mentions.entries()) {
    if (own.size > 0 && !own.has(m.name)) continue;
    const two = twoDoses(source.slice(m.start, mentions[i + 1]?.start ?? source.length));
    if (!two) continue;
    const given = new Set(
      plan
        .filter((p) => drugNames(str(p.text)).has(m.name))
        .flatMap((p) => [...amountsIn(str(p.text).toLowerCase()).keys()]),
    );
    if (given.size < 2) return `two different doses for one drug ("${two}") in one item: one item per dose`;
  }
  return null;
}

/** The item's drug's own words in its source (lower case): from its name to the next drug's. */
function drugWords(item: ExtractedPlanItem): string | null {
  const source = str(item.source).toLowerCase();
  const mentions = findDrugMentions(source);
  const own = drugNames(str(item.text));
  const m = mentions.find((x) => own.has(x.name)) ?? (own.size === 0 ? mentions[0] : undefined);
  if (!m) return null;
  const next = mentions.find((x) => x.start > m.start);
  return source.slice(m.start, next?.start ?? source.length);
}

/** Why `item` is not the patient's to take (a drug given into a vein, route.ts), or null. */
export function notTheirs(item: ExtractedPlanItem): string | null {
  if (str(item.source).trim() === '') return null;
  return routeDoubt(`${str(item.text)} ${drugWords(item) ?? str(item.source)}`);
}

/** Why `item`'s text loses the one dose its drug's words state ("Take sertraline" for "increase
 * sertraline to 100mg"), or null. */
export function doseLeftOut(item: ExtractedPlanItem): string | null {
  // "Take 4 tablets" for "MTX 10 mg weekly" gives the dose as a count of tablets.
  if (statesCount(str(item.text))) return null;
  const words = str(item.source).trim() === '' ? null : drugWords(item);
  const lost = words === null ? null : amountLeftOut(words, str(item.text));
  return lost ? `the item's text leaves out the dose its words state ("${lost}")` : null;
}

/** Why an ongoing item's drug's words state a course length ("for 5 more days"), or null: the
 * course would never end. */
export function courseLost(item: ExtractedPlanItem): string | null {
  // A later start (a restart after a hold, a taper's later phase) may follow a length that was
  // the hold's or the earlier phase's; "long term" says ongoing in words.
  if (item.asNeeded || !item.timing || item.timing.durationDays !== null || item.timing.startDay > 0) return null;
  const words = str(item.source).trim() === '' ? null : drugWords(item);
  if (words !== null && isOpenEnded(words)) return null;
  const d = words === null ? null : readDuration(words);
  return d && 'days' in d ? `the words give a course of ${d.days} days; the item has no end` : null;
}
