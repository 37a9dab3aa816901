// @ts-check
// The patient's "today" and "now" on their own clock, read from their doses. Each dose carries its
// real instant (dueAt) and its local date and time in the patient's zone; two doses give the
// clock's rate, so this holds with real days and with compressed ones (SCHEDULE_DAY_MS, where a
// "day" lasts seconds and the browser's own date says nothing about the patient's).
// Pure, so the unit tests can drive it.

/** @typedef {{ dueAt: string, localDate: string | null, localTime: string | null, status: string, planItemId?: string }} Timed */

/** A local date and time as a number on one scale (as if UTC: only differences are used). @param {Timed} d */
const wallOf = (d) => Date.parse(`${d.localDate}T${d.localTime}:00Z`);

/**
 * The patient's local date and time now ('YYYY-MM-DD', 'HH:MM'), or null without any timed dose.
 * @param {Iterable<Timed>} doses @param {number} [now]
 */
export function patientNow(doses, now = Date.now()) {
  const timed = [...doses]
    .filter((d) => d.localDate && d.localTime && d.status !== 'cancelled')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  if (!timed.length) return null;
  const distance = (/** @type {Timed} */ d) => Math.abs(Date.parse(d.dueAt) - now);
  const ref = timed.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  // A compressed clock is pinned per plan item (at its first dose), so two items started at
  // different moments show different dates for one instant: read the rate from the item whose
  // dose is nearest to now, the one the patient is about to deal with. Real days agree anyway.
  const own = timed.filter((d) => d.planItemId === undefined || d.planItemId === ref.planItemId);
  const first = own[0] ?? ref;
  const last = own.at(-1) ?? ref;
  const realSpan = Date.parse(last.dueAt) - Date.parse(first.dueAt);
  // One dose (or all at one instant) gives no rate: a real day, then. A DST change inside the
  // span bends the rate by an hour in days, which moves "now" by minutes at most.
  const rate = realSpan > 0 ? (wallOf(last) - wallOf(first)) / realSpan : 1;
  const wall = new Date(wallOf(ref) + (now - Date.parse(ref.dueAt)) * rate).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

/** 'YYYY-MM-DD' plus n days. @param {string} date @param {number} n */
export const addDays = (date, n) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The state a person reads on a dose: upcoming, due, snoozed, taken, late, skipped, missed. @param {import('./store.js').Dose} d @param {number} [now] */
export function doseState(d, now = Date.now()) {
  if (d.status === 'scheduled') return 'upcoming';
  if (d.status === 'due' && d.snoozedUntil && Date.parse(d.snoozedUntil) > now) return 'snoozed';
  return d.status;
}
