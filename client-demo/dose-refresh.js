// @ts-check
// Reads that events make stale. A new plan, a correction or an extension (a missed or skipped
// dose of a course adds one at the end) brings doses no event announces yet, so the patient's
// calendar is read again; a doctor's per-item counts (late is only in GET /adherence) likewise.
// Debounced: a burst of events (a sync replay) costs one read.
import { loadAdherence, loadCalendar } from './doses-api.js';
import { ownerOf } from './reducer-doses.js';
import { store } from './store.js';

const CALENDAR = new Set([
  'steps:ready',
  'plan:changed',
  'plan:cancelled',
  'dose:missed',
  'dose:skipped',
  'plan:incomplete',
]);
const COUNTS = new Set([
  'dose:taken',
  'dose:skipped',
  'dose:missed',
  'plan:incomplete',
  'adherence:alert',
  'plan:changed',
]);
const DEBOUNCE_MS = 300;
/** @type {Map<string, ReturnType<typeof setTimeout>>} */
const timers = new Map();

/** @param {string} key @param {() => Promise<void>} read */
function soon(key, read) {
  clearTimeout(timers.get(key));
  timers.set(
    key,
    setTimeout(() => {
      timers.delete(key);
      read().catch(() => {}); // a failed refresh leaves what is shown; the next event tries again
    }, DEBOUNCE_MS),
  );
}

/** @param {any} p */
const patientOf = (p) => p.patientId ?? p.alert?.patientId ?? ownerOf(p.dose?.planItemId ?? p.planItem?.id ?? '');

/** @param {Array<{ type: string, payload: any }>} events */
export function refreshAfter(events) {
  const user = store.user;
  if (!user) return;
  for (const { type, payload } of events) {
    if (user.role === 'patient' && CALENDAR.has(type)) soon(`cal:${user.id}`, () => loadCalendar(user.id));
    if (user.role === 'doctor' && COUNTS.has(type)) {
      const id = patientOf(payload);
      if (id && store.records.get(id)?.adherence) soon(`adh:${id}`, () => loadAdherence(id));
    }
  }
}

export function stopRefreshes() {
  for (const t of timers.values()) clearTimeout(t);
  timers.clear();
}
