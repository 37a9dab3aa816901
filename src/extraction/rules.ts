// Deterministic, offline extractor (DESIGN.md §7). Phrasings, defaults and limits are listed in
// docs/EXTRACTION.md. Guiding rule: when unsure, leave an item out rather than invent one.
import type { Extractor } from './port.js';
import {
  MAX_ITEMS,
  MAX_TEXT_CHARS,
  type ExtractedChecklistItem,
  type Extraction,
  type ExtractedPlanItem,
} from './schema.js';
import { INSTRUCTION_VERB_RE, TASK_RE, looksLikeMedication, vetoedInstruction, vetoedTask } from './rules-lexicon.js';
import { SEPARATOR_RE, capitalise, cut, lowerFirst, splitSentences, stripLead, tidy } from './rules-text.js';
import { findDuration } from './rules-duration.js';
import { findFrequency, normaliseComposites } from './rules-frequency.js';
import { mask } from './rules-spans.js';
import { finalise, mergePhase, mergeSplitDose, type SentenceContext } from './rules-merge.js';

export { DEFAULT_DURATION_DAYS, DEFAULT_DURATION_NOTE } from './rules-merge.js';

const START_RE =
  /^(?:start(?:ed)?|continue[sd]?|begin|began|resumed?|restart(?:ed)?|commenced?)\s+(?:on\s+)?(?:(taking|using|applying)\s+)?(.+)$/i;
const PHARMACY_RE =
  /\s+(?:from|at)\s+(?:the\s+|your\s+|a\s+)?(?:local\s+)?(?:pharmacy|chemist|drugstore|dispensary)\b.*$/i;
const PRONOUN_ONLY_RE =
  /^(take|use|apply|inhale|insert|instil|instill|inject|give)(?:\s+(?:it|them|this|these|those|one|each|the\s+(?:medication|medicine|tablets|capsules)))?$/i;
const GERUNDS: Record<string, string> = { taking: 'take', using: 'use', applying: 'apply' };

/** Turns a clause into an imperative ("Amoxicillin 500mg" -> "Take amoxicillin 500mg"), or null. */
function instruction(clause: string, ctx: SentenceContext, allowBare: boolean): string | null {
  let text = tidy(stripLead(tidy(clause)));
  const start = START_RE.exec(text);
  if (start) {
    const verb = start[1] ? GERUNDS[start[1].toLowerCase()] : undefined;
    if (verb) text = `${verb} ${start[2]}`;
    else if (looksLikeMedication(start[2]!)) text = `take ${start[2]}`;
  }
  const ownVerb = INSTRUCTION_VERB_RE.test(text);
  const medication = looksLikeMedication(text);
  // Without a verb or a medication, "Headaches three times a day" is history, not a step.
  if (!ownVerb && !medication && !allowBare) return null;
  if (!ownVerb && medication) text = `${ctx.verb ?? 'take'} ${lowerFirst(text)}`;
  const pronoun = PRONOUN_ONLY_RE.exec(text);
  if (pronoun && ctx.taskObject) text = `${pronoun[1]} ${ctx.taskObject}`;
  text = capitalise(tidy(text)).slice(0, MAX_TEXT_CHARS).trim();
  return text || null;
}

/**
 * `lead` holds schedule-less clauses before this one. They still count for vetoes ("If fever,")
 * and durations ("For 7 days,"), but only a verb-less clause takes their words
 * ("paracetamol 1g" + "and codeine 30mg four times a day").
 */
function buildPlan(lead: string, clause: string, ctx: SentenceContext): ExtractedPlanItem | null {
  const own = INSTRUCTION_VERB_RE.test(stripLead(clause));
  const source = own ? clause : lead + clause;
  const duration = findDuration(source);
  const { frequency } = findFrequency(mask(source, duration?.remove ?? []));
  if (!frequency || vetoedInstruction(stripLead(lead + clause))) return null;
  const days = duration?.days ?? (own ? findDuration(lead)?.days : undefined) ?? null;
  const allowBare = frequency.abbreviation && days !== null;
  const text = instruction(cut(source, [...frequency.remove, ...(duration?.remove ?? [])]), ctx, allowBare);
  if (!text) return null;
  const raw = instruction(source, ctx, true) ?? text;
  ctx.verb = text.split(' ')[0]!.toLowerCase();
  const item = { text, frequencyPerDay: frequency.perDay, durationDays: days ?? 0 };
  ctx.phases.set(item, { raw, days: [days] });
  return item;
}

function buildTask(clause: string, ctx: SentenceContext): ExtractedChecklistItem | null {
  if (vetoedTask(clause)) return null;
  const text = capitalise(tidy(stripLead(clause)))
    .slice(0, MAX_TEXT_CHARS)
    .trim();
  // Remember what was bought/collected so "…and take it twice daily" can name it.
  const bought = /^(?:buy|purchase|pick[- ]up|collect|get|fill|order)\s+(.+)$/i.exec(text);
  if (bought) {
    const object = bought[1]!
      .replace(PHARMACY_RE, '')
      .replace(/\s*\bprescription\b(?:\s+(?:for|of))?\s*/i, ' ')
      .trim();
    // "your prescription" alone names nothing the patient could take.
    if (!/^(?:(?:your|the|a|an|some)\b\s*)?$/i.test(object)) ctx.taskObject = object;
  }
  return text ? { text } : null;
}

type Kind = 'plan' | 'task' | 'sub-daily' | 'filler';

function classify(clause: string): Kind {
  const duration = findDuration(clause);
  const { frequency, subDaily } = findFrequency(mask(clause, duration?.remove ?? []));
  if (frequency) return 'plan';
  if (TASK_RE.test(stripLead(clause))) return 'task';
  return subDaily ? 'sub-daily' : 'filler';
}

function extractSentence(sentence: string, checklist: ExtractedChecklistItem[], plan: ExtractedPlanItem[]): void {
  const parts = normaliseComposites(sentence).split(SEPARATOR_RE);
  const clauses = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  const kinds = clauses.map(classify);
  const ctx: SentenceContext = { plans: [], phases: new Map(), verb: null, taskObject: null };
  // `last` is whatever the previous non-filler clause produced (null item = it was rejected).
  let last: { kind: 'plan' | 'task' | 'skip'; item: ExtractedPlanItem | ExtractedChecklistItem | null } | null = null;
  let pending = '';
  clauses.forEach((clause, i) => {
    const kind = kinds[i]!;
    const previous = last as { kind: string; item: ExtractedPlanItem | ExtractedChecklistItem | null } | null;
    const after = previous?.kind === 'plan' && previous.item ? (previous.item as ExtractedPlanItem) : null;
    if (kind === 'plan' && after && /\b(?:then|followed\s+by)\b/i.test(seps[i - 1] ?? '')) {
      mergePhase(after, pending + clause, ctx);
    } else if (kind === 'plan' && after && mergeSplitDose(after, clause, ctx)) {
      // joined the previous item
    } else if (kind === 'plan') {
      const item = buildPlan(pending, clause, ctx);
      if (item) ctx.plans.push(item);
      last = { kind: 'plan', item };
    } else if (kind === 'task') {
      const item = buildTask(clause, ctx);
      if (item) checklist.push(item);
      last = { kind: 'task', item };
    } else if (kind === 'sub-daily') {
      last = { kind: 'skip', item: null };
    } else {
      const duration = findDuration(clause);
      const rest = tidy(cut(clause, duration?.remove ?? []));
      // A verb-less medication right before a scheduled clause belongs to it ("X and Y twice daily").
      const leadsNext = kinds[i + 1] === 'plan' && (last === null || looksLikeMedication(clause));
      if (leadsNext && !duration) {
        pending += clause + (seps[i] ?? ' ');
        return;
      }
      if (duration && last?.kind === 'plan') {
        // "…, both for 5 days" applies to every clause of the sentence still missing a duration.
        const targets = /^\s*(?:both|all|each)\b/i.test(clause)
          ? ctx.plans
          : last.item
            ? [last.item as ExtractedPlanItem]
            : [];
        for (const p of targets) if (p.durationDays === 0) p.durationDays = duration.days;
      }
      // Modifiers ("with food", "on the rash") join the previous step; a new action without a
      // schedule ("drink plenty of fluids") or a sequel ("then review") is advice, not part of it.
      const sep = seps[i - 1] ?? ' ';
      const modifier = !/\b(?:then|followed\s+by)\b/i.test(sep) && !INSTRUCTION_VERB_RE.test(stripLead(rest));
      if (rest && modifier && last?.item)
        last.item.text = tidy(`${last.item.text}${sep}${rest}`).slice(0, MAX_TEXT_CHARS);
      else if (!last) pending += clause + (seps[i] ?? ' ');
      return;
    }
    pending = '';
  });
  for (const p of ctx.plans) plan.push(finalise(p, ctx));
}

function dedupe<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function extractByRules(noteText: string): Extraction {
  const checklist: ExtractedChecklistItem[] = [];
  const plan: ExtractedPlanItem[] = [];
  for (const sentence of splitSentences(noteText)) extractSentence(sentence, checklist, plan);
  return { checklist: dedupe(checklist).slice(0, MAX_ITEMS), plan: dedupe(plan).slice(0, MAX_ITEMS) };
}

export class RulesExtractor implements Extractor {
  readonly name = 'rules' as const;
  readonly model = 'rules-v1';

  async extract(noteText: string, _signal?: AbortSignal): Promise<Extraction> {
    return extractByRules(noteText);
  }
}
