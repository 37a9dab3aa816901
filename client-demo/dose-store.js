// @ts-check
// Doses and adherence alerts in a patient's record. Like the rest of the store, merges never move
// backwards (a taken dose stays taken when a stale `dose:due` or calendar read arrives after it),
// so live events, sync replays and GET /doses snapshots can land in any order.

/** @typedef {import('./store.js').PatientRecord} PatientRecord @typedef {import('./store.js').Dose} Dose */

const FINAL = 2;
/** @type {Record<string, number>} */
const DOSE_RANK = { scheduled: 0, due: 1, taken: FINAL, late: FINAL, skipped: FINAL, missed: FINAL, cancelled: FINAL };
const rank = (/** @type {string} */ s) => DOSE_RANK[s] ?? 0;
export const isOpen = (/** @type {Dose} */ d) => d.status === 'scheduled' || d.status === 'due';

/** @param {PatientRecord} rec @param {Dose} fresh @returns {Dose} */
export function mergeDose(rec, fresh) {
  const old = rec.doses.get(fresh.id);
  if (!old) {
    rec.doses.set(fresh.id, fresh);
    return fresh;
  }
  const keepOld = rank(old.status) > rank(fresh.status);
  /** @type {Dose} */
  const merged = {
    ...old,
    ...fresh,
    status: keepOld ? old.status : fresh.status,
    text: fresh.text || old.text,
    attempts: Math.max(old.attempts ?? 0, fresh.attempts ?? 0),
    nudges: Math.max(old.nudges ?? 0, fresh.nudges ?? 0),
    takenAt: fresh.takenAt ?? old.takenAt,
    skipReason: fresh.skipReason ?? old.skipReason,
    // A snooze ends when the dose falls due again or is decided; a stale snapshot must not revive it.
    snoozedUntil: keepOld ? old.snoozedUntil : fresh.snoozedUntil,
  };
  rec.doses.set(fresh.id, merged);
  return merged;
}

/** Doses still to come of plan items that stopped (a replacing note, a correction) go with them. @param {PatientRecord} rec @param {Set<string>} itemIds */
export function cancelDoses(rec, itemIds) {
  for (const d of rec.doses.values())
    if (itemIds.has(d.planItemId) && isOpen(d)) rec.doses.set(d.id, { ...d, status: 'cancelled' });
}

/**
 * A calendar read (GET /doses) for [from, to). New settings re-plan the doses still to come as new
 * rows, so a scheduled dose in that range the answer no longer lists is gone, not just unchanged.
 * @param {PatientRecord} rec @param {Dose[]} doses @param {string} from @param {string} to
 */
export function putCalendar(rec, doses, from, to) {
  const listed = new Set(doses.map((d) => d.id));
  for (const d of rec.doses.values())
    if (d.status === 'scheduled' && !d.attempts && d.dueAt >= from && d.dueAt < to && !listed.has(d.id))
      rec.doses.delete(d.id);
  for (const d of doses) mergeDose(rec, d);
}

// An acknowledgement is no event, and no read lists alerts (GET /me/patients has none yet), so a
// record rebuilt from its events would raise an acknowledged alert again: this device remembers.
const ACK_KEY = 'carebeat:acked-alerts';
/** @returns {Record<string, string>} */
const acked = () => (globalThis.localStorage ? JSON.parse(localStorage.getItem(ACK_KEY) ?? '{}') : {});

/** @param {PatientRecord} rec @param {import('./store.js').Alert} fresh */
export function mergeAlert(rec, fresh) {
  const old = rec.alerts.get(fresh.id);
  const at = fresh.acknowledgedAt ?? old?.acknowledgedAt ?? acked()[fresh.id] ?? null;
  rec.alerts.set(fresh.id, { ...old, ...fresh, acknowledgedAt: at });
  if (at && globalThis.localStorage) localStorage.setItem(ACK_KEY, JSON.stringify({ ...acked(), [fresh.id]: at }));
}

/** Open alerts, newest first. @param {PatientRecord | undefined} rec */
export const openAlerts = (rec) =>
  rec
    ? [...rec.alerts.values()].filter((a) => !a.acknowledgedAt).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    : [];
