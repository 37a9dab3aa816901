// @ts-check
// A v2 timing in plain words for people, mirroring the server's describeTiming
// (src/extraction/timing.ts): "3 times a day for 7 days", "once a week on Monday", "as needed",
// "ongoing". Nothing is assumed: a timing without a duration is ongoing, never "7 days".

/** @typedef {import('../src/extraction/schema.ts').Timing} Timing */

const COUNT = ['', 'once', 'twice', '3 times', '4 times', '5 times', '6 times'];
const count = (/** @type {number} */ n) => COUNT[n] ?? `${n} times`;
const UNIT_WORD = /** @type {Record<string, string>} */ ({ h: 'hour', d: 'day', wk: 'week', mo: 'month' });
export const DAY_WORD = /** @type {Record<string, string>} */ ({
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
});

/** @param {Timing} t */
function every(t) {
  const unit = UNIT_WORD[t.periodUnit] ?? t.periodUnit;
  const rate =
    t.period === 1
      ? `${count(t.frequency)} a ${unit}`
      : t.frequency === 1 && t.period === 2 && t.periodUnit === 'd'
        ? 'every other day'
        : `${count(t.frequency)} every ${t.period} ${unit}s`;
  if (!t.dayOfWeek.length) return rate;
  return `${rate} on ${t.dayOfWeek.map((d) => DAY_WORD[d] ?? d).join(', ')}`;
}

/** "3 times a day at 08:00, 20:00 for 7 days, starting tomorrow", or "as needed". @param {Timing | null} t @param {boolean} asNeeded */
export function describeTiming(t, asNeeded) {
  if (!t) return 'as needed';
  const parts = [asNeeded ? `as needed, at most ${every(t)}` : every(t)];
  if (t.timeOfDay.length) parts.push(`at ${t.timeOfDay.join(', ')}`);
  if (t.when.length) parts.push(`(${t.when.join(', ').replace(/-/g, ' ')})`);
  parts.push(t.durationDays === null ? 'ongoing' : `for ${t.durationDays} day${t.durationDays === 1 ? '' : 's'}`);
  if (t.startDay === 1) parts.push('starting tomorrow');
  else if (t.startDay > 1) parts.push(`starting in ${t.startDay} days`);
  return parts.join(' ');
}

/** "Take amoxicillin 500 mg — 3 times a day for 7 days". @param {{ text: string, timing: Timing | null, asNeeded: boolean }} p */
export const planSentence = (p) => `${p.text} — ${describeTiming(p.timing, p.asNeeded)}`;

/** @type {Record<string, string>} */
const STATUS_WORD = {
  draft: 'waiting for your doctor',
  completed: 'completed',
  incomplete: 'ended with doses missed',
  stopped: 'stopped',
};
/** The item's state in words, or '' while it simply runs. @param {{ status: string }} p */
export const statusWord = (p) => STATUS_WORD[p.status] ?? '';
