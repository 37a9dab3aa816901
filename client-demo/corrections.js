// @ts-check
// Building the body of a correction (PUT /api/notes/:noteId/steps) from what the client holds.
// The server is zod-strict: only the fields a correction takes go in, never the view's own
// (status, done, counts); items keep their ids, so the edit is in place and doses stay on record.

/** @typedef {import('./store.js').Steps} Steps @typedef {import('./store.js').PlanItem} PlanItem */
/** @typedef {import('./store.js').ChecklistItem} ChecklistItem */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days from now to a due date (the server counts dueInDays from the correction). @param {string | null} dueAt */
export function dueInDays(dueAt) {
  if (!dueAt) return null;
  return Math.min(365, Math.max(0, Math.round((new Date(dueAt).getTime() - Date.now()) / DAY_MS)));
}

/** @param {PlanItem} p */
export const planInput = (p) => ({
  id: p.id,
  text: p.text,
  asNeeded: p.asNeeded,
  timing: p.timing ? { ...p.timing } : null,
  source: p.source ?? '',
});

/** @param {ChecklistItem} c */
export const checklistInput = (c) => ({
  id: c.id,
  text: c.text,
  dueInDays: dueInDays(c.dueAt),
  source: c.source ?? '',
});

/** @param {{ source: string, reason: string }} u */
export const unclearInput = (u) => ({ source: u.source, reason: u.reason });

/**
 * The note's live steps as a correction that changes nothing, or with `unclear` replaced.
 * @param {Steps} steps @param {{ unclear?: Array<{ source: string, reason: string }> }} [over]
 */
export function correctionOf(steps, over = {}) {
  return {
    checklist: steps.checklist.filter((c) => c.status !== 'removed').map(checklistInput),
    plan: steps.plan.filter((p) => p.status !== 'stopped').map(planInput),
    unclear: (over.unclear ?? (steps.unclear ?? []).filter((u) => u.status === 'open')).map(unclearInput),
  };
}
