// A note that stops a drug an earlier note's plan still schedules (or records an allergy to it). "Stop amoxicillin" in a note
// with no plan of its own, or in an 'add' note, leaves the running plan as it is (DESIGN §7: an
// empty plan never touches the current plan; 'add' runs beside it), so the reminders would go on.
// The plan is not stopped on a reading of the text either: the doctor is asked, with one unclear
// part per such drug, and the note waits for review (`steps:review`) until they correct one note.
import { and, inArray, ne, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { type Note, planItems } from '../db/schema.js';
import { findDrugMentions } from '../extraction/drugs.js';
import { capUnclear, type SafetyResult } from '../extraction/safety.js';
import { noteMentions } from '../extraction/safety-context.js';
import { MAX_REASON_CHARS, MAX_SOURCE_CHARS, type UnclearPart } from '../extraction/schema.js';
import { loadTexts } from '../sealed/texts.js';

const drugsOf = (text: string) => new Set(findDrugMentions(text).map((m) => m.name));
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/** The checked steps, with an unclear part for each drug the note stops that another note's plan schedules. */
export async function askAboutStopsElsewhere(
  ctx: Pick<AppContext, 'db' | 'keyring'>,
  note: Pick<Note, 'id' | 'patientId' | 'mode'>,
  noteText: string,
  checked: SafetyResult,
): Promise<SafetyResult> {
  // A replacing note with a plan stops the whole earlier plan itself.
  if (note.mode === 'replace' && checked.steps.plan.length > 0) return checked;
  const stops = noteMentions(noteText).filter((m) => m.context === 'stop' || m.context === 'allergy');
  if (stops.length === 0) return checked;
  const live = await ctx.db
    .select({ id: planItems.id })
    .from(planItems)
    .where(
      and(
        eq(planItems.patientId, note.patientId),
        ne(planItems.noteId, note.id),
        inArray(planItems.status, ['draft', 'active']),
      ),
    );
  if (live.length === 0) return checked;
  // Opened through the patient's own wraps: every note of theirs holds one.
  const texts = await loadTexts(ctx, note.patientId, { plan: live.map((p) => p.id) });
  const scheduled = new Set(live.flatMap((p) => [...drugsOf(texts.get(p.id) ?? '')]));
  const ownPlan = new Set(checked.steps.plan.flatMap((p) => [...drugsOf(`${p.text} ${p.source}`)]));
  const asked = new Set<string>();
  const added: UnclearPart[] = [];
  for (const m of stops) {
    if (!scheduled.has(m.name) || ownPlan.has(m.name) || asked.has(m.name)) continue;
    asked.add(m.name);
    added.push({
      source: clip(m.sentence, MAX_SOURCE_CHARS) || m.name,
      reason: clip(
        `${m.context === 'allergy' ? `the note records an allergy or reaction to ${m.name}` : `the note stops ${m.name}`}, but an earlier note's plan still schedules it; it was not stopped there: correct that plan if this is meant`,
        MAX_REASON_CHARS,
      ),
    });
  }
  if (added.length === 0) return checked;
  return { ...checked, steps: { ...checked.steps, unclear: capUnclear([...checked.steps.unclear, ...added]) } };
}
