// Scoring the development set: what the pipeline (rules extractor → safety check) gives for each
// note, compared with what a careful reader takes from it. "Fully right" is strict: the exact
// plan, checklist and unclear entries, nothing more, nothing less.
import { isDeepStrictEqual } from 'node:util';
import { extractByRules } from '../../src/extraction/rules.js';
import { checkSafety } from '../../src/extraction/safety.js';
import type { Extraction, Timing } from '../../src/extraction/schema.js';
import { describeTiming, dosesPerDay, lessThanDaily } from '../../src/extraction/timing.js';
import { DEVSET } from './index.js';
import { CATEGORIES, type Category, type DevCase } from './types.js';

export interface CaseResult {
  category: Category;
  note: string;
  fullyRight: boolean;
  /** Why it is not fully right, one line each. */
  problems: string[];
  /** `never` drugs that ended up in a plan item. */
  neverScheduled: string[];
  /** Expected less-than-daily items that came out daily or more often. */
  weeklyAsDaily: string[];
  /** Expected drugs or tasks found nowhere in the output (plan, checklist or unclear). */
  missing: string[];
}

/** The steps the product would keep for a note: the rules extractor through the safety check. */
export const pipeline = (note: string): Extraction => checkSafety(note, extractByRules(note)).steps;

const has = (text: string, words: string) => {
  const low = text.toLowerCase();
  return words.split(/\s+/).every((w) => low.includes(w));
};
const show = (t: Timing | null, prn: boolean) =>
  t ? `${describeTiming(t, prn)} ${JSON.stringify(t)}` : `${prn ? 'as needed' : 'no'} timing`;

/** Pairs each expected entry with one unused actual entry, best match first. */
function pair<E, A>(expected: E[], actual: A[], same: (e: E, a: A) => boolean, near: (e: E, a: A) => boolean) {
  const used = new Set<number>();
  const unmatched: Array<{ e: E; near: A | undefined }> = [];
  for (const e of expected) {
    const exact = actual.findIndex((a, i) => !used.has(i) && same(e, a));
    if (exact >= 0) {
      used.add(exact);
      continue;
    }
    const close = actual.findIndex((a, i) => !used.has(i) && near(e, a));
    if (close >= 0) used.add(close);
    unmatched.push({ e, near: close >= 0 ? actual[close] : undefined });
  }
  return { unmatched, extra: actual.filter((_, i) => !used.has(i)) };
}

export function scoreCase(category: Category, c: DevCase, out: Extraction): CaseResult {
  const problems: string[] = [];
  const plan = pair(
    c.plan,
    out.plan,
    (e, a) => has(a.text, e.drug) && a.asNeeded === (e.asNeeded ?? false) && isDeepStrictEqual(a.timing, e.timing),
    (e, a) => has(a.text, e.drug),
  );
  for (const { e, near } of plan.unmatched) {
    const got = near ? `got "${near.text}" ${show(near.timing, near.asNeeded)}` : 'got nothing';
    problems.push(`plan ${e.drug}: want ${show(e.timing, e.asNeeded ?? false)}; ${got}`);
  }
  for (const a of plan.extra) problems.push(`extra plan item "${a.text}" ${show(a.timing, a.asNeeded)}`);
  const tasks = pair(
    c.checklist ?? [],
    out.checklist,
    (e, a) => has(a.text, e.match) && a.dueInDays === e.dueInDays,
    (e, a) => has(a.text, e.match),
  );
  for (const { e, near } of tasks.unmatched) {
    problems.push(
      `checklist ${e.match}: want due ${e.dueInDays}; got ${near ? `"${near.text}" due ${near.dueInDays}` : 'nothing'}`,
    );
  }
  for (const a of tasks.extra) problems.push(`extra checklist item "${a.text}" due ${a.dueInDays}`);
  const unclear = pair(
    c.unclear ?? [],
    out.unclear,
    (e, a) => has(a.source, e),
    () => false,
  );
  for (const { e } of unclear.unmatched) problems.push(`unclear ${e}: missing`);
  for (const a of unclear.extra) problems.push(`extra unclear "${a.source}" (${a.reason})`);

  const neverScheduled = (c.never ?? []).filter((d) => out.plan.some((p) => has(p.text, d)));
  for (const d of neverScheduled) problems.push(`NEVER-drug scheduled: ${d}`);
  const weeklyAsDaily = c.plan
    .filter((e) => e.timing && lessThanDaily(e.timing))
    .filter((e) => out.plan.some((p) => has(p.text, e.drug) && p.timing && dosesPerDay(p.timing) >= 1 - 1e-9))
    .map((e) => e.drug);
  for (const d of weeklyAsDaily) problems.push(`WEEKLY read as daily: ${d}`);
  const everywhere = [
    ...out.plan.map((p) => p.text),
    ...out.checklist.map((t) => t.text),
    ...out.unclear.map((u) => u.source),
  ];
  const missing = [
    ...c.plan.map((e) => e.drug),
    ...(c.checklist ?? []).map((e) => e.match),
    ...(c.unclear ?? []),
  ].filter((w) => !everywhere.some((t) => has(t, w)));
  for (const w of missing) problems.push(`MISSING everywhere: ${w}`);
  return {
    category,
    note: c.note,
    fullyRight: problems.length === 0,
    problems,
    neverScheduled,
    weeklyAsDaily,
    missing,
  };
}

/** Every case of the development set, scored. */
export function scoreDevset(extract: (note: string) => Extraction = pipeline): CaseResult[] {
  return CATEGORIES.flatMap((cat) => DEVSET[cat].map((c) => scoreCase(cat, c, extract(c.note))));
}

export interface CategoryRow {
  category: Category;
  right: number;
  total: number;
  percent: number;
}

/** Fully right n/N per category, in the order of CATEGORIES. */
export function byCategory(results: CaseResult[]): CategoryRow[] {
  return CATEGORIES.map((category) => {
    const mine = results.filter((r) => r.category === category);
    const right = mine.filter((r) => r.fullyRight).length;
    return { category, right, total: mine.length, percent: mine.length ? (100 * right) / mine.length : 0 };
  });
}

/** "note → problems" lines for the failures, for a test message or the script. */
export const explain = (results: CaseResult[]) =>
  results
    .filter((r) => !r.fullyRight)
    .map((r) => `[${r.category}] ${r.note.replace(/\n/g, ' / ')}\n    - ${r.problems.join('\n    - ')}`)
    .join('\n');
