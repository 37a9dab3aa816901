// A note read against the plan the patient already runs from earlier notes, when it would not
// replace that plan (DESIGN §7: an empty plan never touches it; an 'add' plan runs beside it):
// - it stops a drug (or records an allergy to it) that plan still schedules: "Stop amoxicillin"
//   alone would leave the amoxicillin reminders going;
// - an 'add' plan schedules a drug that plan already schedules: both would run, a double dose.
// Nothing is stopped on a reading of the text: the doctor is asked, with an unclear part per
// drug, and a duplicate waits for their confirmation (a hold) instead of starting.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { type Note, planItems } from '../db/schema.js';
import { allergyReaches } from '../extraction/drug-classes.js';
import { drugNames } from '../extraction/drugs.js';
import { capUnclear, type SafetyResult, unclear } from '../extraction/safety.js';
import type { NoteMention } from '../extraction/safety-context.js';
import type { UnclearPart } from '../extraction/schema.js';
import { loadTexts } from '../sealed/texts.js';

/** The drugs the patient's draft or active plan items of other notes name. */
async function scheduledElsewhere(ctx: Pick<AppContext, 'db' | 'keyring'>, note: Pick<Note, 'id' | 'patientId'>) {
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
  if (live.length === 0) return new Set<string>();
  // Opened through the patient's own wraps (every note of theirs holds one), audited first as
  // every opening of text for someone is.
  await auditOnce(ctx.db, null, 'plan.read_for_extraction', `patient:${note.patientId}/plan`);
  const texts = await loadTexts(ctx, note.patientId, { plan: live.map((p) => p.id) });
  return new Set(live.flatMap((p) => [...drugNames(texts.get(p.id) ?? '')]));
}

/** The checked steps, with the doctor asked where the note and the running plan disagree. */
export async function checkAgainstCurrentPlan(
  ctx: Pick<AppContext, 'db' | 'keyring'>,
  note: Pick<Note, 'id' | 'patientId' | 'mode'>,
  /** The note's drug mentions (noteMentions), read once for both checks. */
  mentions: readonly NoteMention[],
  checked: SafetyResult,
): Promise<SafetyResult> {
  const { plan } = checked.steps;
  // A replacing note with a plan stops the whole earlier plan itself.
  if (note.mode === 'replace' && plan.length > 0) return checked;
  const stops = mentions.filter((m) => m.context === 'stop' || m.context === 'allergy');
  if (stops.length === 0 && plan.length === 0) return checked;
  const scheduled = await scheduledElsewhere(ctx, note);
  if (scheduled.size === 0) return checked;
  const itemDrugs = plan.map((p) => drugNames(`${p.text} ${p.source}`));
  const ownPlan = new Set(itemDrugs.flatMap((d) => [...d]));
  const added: UnclearPart[] = [];
  const asked = new Set<string>();
  for (const m of stops) {
    if (ownPlan.has(m.name) || asked.has(m.name)) continue;
    // An allergy reaches the drug's class too: penicillin → a running amoxicillin.
    const reached = [...scheduled].filter(
      (d) => d === m.name || (m.context === 'allergy' && allergyReaches(m.name, d) !== null),
    );
    if (reached.length === 0) continue;
    asked.add(m.name);
    const what = m.context === 'allergy' ? `records an allergy or reaction to ${m.name}` : `stops ${m.name}`;
    const which = reached.includes(m.name) ? 'it' : reached.join(', ');
    added.push(
      unclear(
        m.sentence || m.name,
        `the note ${what}, but an earlier note's plan still schedules ${which}; it was not stopped there: correct that plan if this is meant`,
      ),
    );
  }
  const holds = new Set(checked.holds);
  for (const [i, drugs] of itemDrugs.entries()) {
    const twice = [...drugs].filter((d) => scheduled.has(d));
    if (twice.length === 0) continue;
    holds.add(i);
    added.push(
      unclear(
        plan[i]!.source || plan[i]!.text,
        `an earlier note's plan already schedules ${twice.join(', ')}; both would run: confirm to start this one as well, or correct a plan`,
      ),
    );
  }
  if (added.length === 0) return checked;
  return {
    steps: { ...checked.steps, unclear: capUnclear([...checked.steps.unclear, ...added]) },
    holds: [...holds].sort((a, b) => a - b),
  };
}
