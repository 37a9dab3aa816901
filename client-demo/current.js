// @ts-check
// Views of a patient's record that read and never change it: the current steps across notes (as
// GET /steps reads them) and the doctor's adherence badge.

/** @typedef {import('./store.js').PatientRecord} PatientRecord @typedef {import('./store.js').Steps} Steps */

const RUNNING = new Set(['draft', 'active']);

/**
 * The patient's current steps across notes, as GET /steps reads them: every draft or running plan
 * item and open task of any note, plus the newest note's finished ones, and the unclear parts
 * still open. Null before any note became steps.
 * @param {PatientRecord} rec @returns {Steps | null}
 */
export function activeSteps(rec) {
  // The newest note with steps: by its time where the note is known, else the last steps merged.
  const at = (/** @type {string} */ id) => rec.notes.get(id)?.createdAt ?? '';
  const known = [...rec.steps.keys()].filter(at).sort((a, b) => at(a).localeCompare(at(b)));
  const newestId = known.at(-1) ?? rec.activeNoteId;
  const newest = newestId ? rec.steps.get(newestId) : undefined;
  if (!newest) return null;
  const all = [...rec.steps.values()];
  const fromNewest = (/** @type {{ noteId: string }} */ i) => i.noteId === newest.noteId;
  return {
    ...newest,
    cancelled: false,
    plan: all.flatMap((s) => s.plan.filter((p) => RUNNING.has(p.status) || (fromNewest(p) && p.status !== 'stopped'))),
    checklist: all.flatMap((s) =>
      s.checklist.filter((c) => c.status === 'open' || (fromNewest(c) && c.status !== 'removed')),
    ),
    unclear: all.flatMap((s) => (s.unclear ?? []).filter((u) => u.status === 'open')),
  };
}

/** Adherence for the doctor's badge. @param {PatientRecord | undefined} rec */
export function adherence(rec) {
  const steps = rec && activeSteps(rec);
  if (!steps || steps.plan.length === 0) return { kind: 'none', missed: 0 };
  if (steps.status === 'needs_review') return { kind: 'review', missed: 0 };
  const missed = steps.plan.reduce((n, p) => n + p.missedCount, 0);
  if (missed > 0) return { kind: 'missed', missed };
  if (steps.plan.every((p) => p.status === 'completed')) return { kind: 'done', missed: 0 };
  return { kind: 'ok', missed: 0 };
}
