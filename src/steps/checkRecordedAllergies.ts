// A new note's plan read against the allergies its doctor's other notes about the patient
// record: "Allergic to penicillin (rash)" in March and "Amoxicillin 500mg tds 5/7" in May would
// otherwise schedule the amoxicillin, since the safety check reads one note at a time
// (safety.ts, rule 3). Such an item waits for the doctor (a hold) with the reason, as the same
// note's allergy makes it wait.
// Nothing is decided on a reading of the text: a note that was wrong about an allergy costs a
// confirmation, never a dropped drug. Only the notes the doctor writing this one wrote are read:
// a new doctor gets no key to an earlier doctor's notes (DECISIONS.md), and a reason naming
// what those say would open them.
import { and, eq, ne } from 'drizzle-orm';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { type Note, notes } from '../db/schema.js';
import { allergyReaches } from '../extraction/drug-classes.js';
import { drugNames } from '../extraction/drugs.js';
import { capUnclear, type SafetyResult, unclear } from '../extraction/safety.js';
import { type NoteMention, noteMentions } from '../extraction/safety-context.js';
import type { UnclearPart } from '../extraction/schema.js';
import { loadTexts } from '../sealed/texts.js';

type Ctx = Pick<AppContext, 'db' | 'keyring'>;

/** Note id → the drugs it records an allergy to. A note's text never changes, so neither does
 * this; it is kept in the worker's memory only, as the key caches are, and bounded. */
const allergiesOf = new Map<string, readonly string[]>();
const REMEMBER_MAX = 50_000;

function remember(noteId: string, names: readonly string[]) {
  if (allergiesOf.size >= REMEMBER_MAX) allergiesOf.delete(allergiesOf.keys().next().value!);
  allergiesOf.set(noteId, names);
}

type Written = Pick<Note, 'id' | 'patientId' | 'doctorId'>;

/** The allergies the doctor's other notes about the patient record (a cancelled note's are not). */
async function recordedAllergies(ctx: Ctx, note: Written) {
  const others = await ctx.db
    .select({ id: notes.id })
    .from(notes)
    .where(
      and(
        eq(notes.patientId, note.patientId),
        eq(notes.doctorId, note.doctorId),
        ne(notes.id, note.id),
        ne(notes.status, 'cancelled'),
      ),
    );
  const unread = others.map((n) => n.id).filter((id) => !allergiesOf.has(id));
  if (unread.length > 0) {
    // Opened through the doctor's own wraps, audited first as every opening of text is.
    await auditOnce(ctx.db, null, 'notes.read_for_extraction', `patient:${note.patientId}/notes`);
    const texts = await loadTexts(ctx, note.doctorId, { notes: unread });
    for (const id of unread) {
      const text = texts.get(id);
      if (text === undefined) continue;
      remember(id, [...new Set(noteMentions(text).flatMap((m) => (m.context === 'allergy' ? [m.name] : [])))]);
    }
  }
  return new Set(others.flatMap((n) => allergiesOf.get(n.id) ?? []));
}

/** Why an allergy to `allergen` reaches `drug` ('' for the drug itself); null when it does not. */
const reaches = (allergen: string, drug: string) => (allergen === drug ? '' : allergyReaches(allergen, drug));

/** The checked steps, with any item an allergy of another note reaches held for the doctor. */
export async function checkAgainstRecordedAllergies(
  ctx: Ctx,
  note: Written,
  mentions: readonly NoteMention[],
  checked: SafetyResult,
): Promise<SafetyResult> {
  const { plan } = checked.steps;
  if (plan.length === 0) return checked;
  // The note's own allergies are rule 3's (safety.ts): not asked about twice.
  const own = new Set(mentions.flatMap((m) => (m.context === 'allergy' ? [m.name] : [])));
  const allergens = [...(await recordedAllergies(ctx, note))].filter((a) => !own.has(a));
  if (allergens.length === 0) return checked;
  const holds = new Set(checked.holds);
  const added: UnclearPart[] = [];
  for (const [i, item] of plan.entries()) {
    for (const drug of drugNames(`${item.text} ${item.source}`))
      for (const allergen of allergens) {
        const why = reaches(allergen, drug);
        if (why === null) continue;
        holds.add(i);
        added.push(
          unclear(
            item.source || item.text,
            `your earlier notes record an allergy to ${allergen}${why && `; ${why}`}: confirm`,
          ),
        );
      }
  }
  if (added.length === 0) return checked;
  return {
    steps: { ...checked.steps, unclear: capUnclear([...checked.steps.unclear, ...added]) },
    holds: [...holds].sort((a, b) => a - b),
  };
}
