// What a v2 timing means in numbers and in plain words: doses in a course, whether it is a
// high-alert schedule (§7), and the patient-facing phrase ("3 times a day for 7 days").
import { type Timing, UNIT_DAYS } from './schema.js';

/** Days one period spans. */
export const periodDays = (t: Timing) => t.period * UNIT_DAYS[t.periodUnit];

/** Doses per day on average (0.14 for once weekly). */
export const dosesPerDay = (t: Timing) => t.frequency / periodDays(t);

/** Doses a finite course holds (frequency × duration); null for an ongoing item. */
export function courseDoses(t: Timing): number | null {
  if (t.durationDays === null) return null;
  return Math.max(1, Math.ceil(t.durationDays * dosesPerDay(t) - 1e-9));
}

/** Less often than daily: a weekly drug read as daily is a known killer, so a doctor confirms. */
export const lessThanDaily = (t: Timing) => dosesPerDay(t) < 1 - 1e-9;

const COUNT = ['', 'once', 'twice', '3 times', '4 times', '5 times', '6 times'];
const count = (n: number) => COUNT[n] ?? `${n} times`;
const UNIT_WORD: Record<Timing['periodUnit'], string> = { h: 'hour', d: 'day', wk: 'week', mo: 'month' };
const DAY_WORD = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

function every(t: Timing): string {
  const unit = UNIT_WORD[t.periodUnit];
  const rate =
    t.period === 1
      ? `${count(t.frequency)} a ${unit}`
      : t.frequency === 1 && t.period === 2 && t.periodUnit === 'd'
        ? 'every other day'
        : `${count(t.frequency)} every ${t.period} ${unit}s`;
  // "once a week on Monday": the count stays said, so a weekly drug never reads like a daily one.
  return t.dayOfWeek.length ? `${rate} on ${t.dayOfWeek.map((d) => DAY_WORD[d]).join(', ')}` : rate;
}

/** "3 times a day at 08:00, 14:00, 20:00 for 7 days, starting in 5 days" — or "as needed". */
export function describeTiming(t: Timing | null, asNeeded: boolean): string {
  if (!t) return 'as needed';
  const parts = [asNeeded ? `as needed, at most ${every(t)}` : every(t)];
  if (t.timeOfDay.length) parts.push(`at ${t.timeOfDay.join(', ')}`);
  if (t.when.length) parts.push(`(${t.when.join(', ').replace(/-/g, ' ')})`);
  parts.push(t.durationDays === null ? 'ongoing' : `for ${t.durationDays} day${t.durationDays === 1 ? '' : 's'}`);
  if (t.startDay === 1) parts.push('starting tomorrow');
  else if (t.startDay > 1) parts.push(`starting in ${t.startDay} days`);
  return parts.join(' ');
}

/** N a day with no times spreads over 09:00–21:00 of the patient's day (doses/clock.ts). */
export const SPREAD_FIRST_MINUTE = 9 * 60;
export const SPREAD_LAST_MINUTE = 21 * 60;
/** The most doses a day that spread so stay at least an hour apart: 13. */
const MAX_SPREAD = Math.floor((SPREAD_LAST_MINUTE - SPREAD_FIRST_MINUTE) / 60) + 1;

/**
 * Why the patient's clock cannot keep `t` as written, or null when it can. Such a schedule would
 * come out changed: "10 times a week" as once a day, "3 times every 2 days" as twice a day,
 * "24 times a day" squeezed into 12 waking hours, half an hour apart. The doctor says which
 * times or interval are meant instead.
 */
export function unkeptReason(t: Timing): string | null {
  if (t.periodUnit === 'h' || t.dayOfWeek.length > 0 || lessThanDaily(t)) return null;
  const rate = dosesPerDay(t);
  const perDay = Math.round(rate);
  if (Math.abs(rate - perDay) > 1e-9)
    return `${every(t)} is not a whole number of doses a day; give the days, the times or an interval in hours`;
  if (t.timeOfDay.length > 0 && t.timeOfDay.length !== perDay)
    return `${every(t)} is ${perDay} a day but ${t.timeOfDay.length} times of day are given`;
  if (t.timeOfDay.length === 0 && perDay > MAX_SPREAD)
    return `${every(t)} does not fit the waking day at least an hour apart; give the times or every k hours`;
  return null;
}
