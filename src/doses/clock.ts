// Dose times on the patient's clock (DESIGN §8), as instants: explicit times of day first, else
// the `when` moments, else N a day across waking hours; every k hours keeps strict spacing around
// the clock from the first waking dose; less than daily on the named weekdays or every n days at
// the first dose time. All calendar arithmetic goes through luxon in the patient's IANA zone, so
// DST and half-hour offsets are the library's, never ours. Pure: the scheduler decides what to store.
import { DateTime } from 'luxon';
import type { Timing, Weekday } from '../extraction/schema.js';
import {
  courseDoses,
  periodDays,
  SPREAD_FIRST_MINUTE as FIRST,
  SPREAD_LAST_MINUTE as LAST,
} from '../extraction/timing.js';

export interface PatientClock {
  /** IANA zone, e.g. "Europe/London". */
  timezone: string;
  /** 'HH:MM' local. */
  wakeTime: string;
  sleepTime: string;
}

export const DEFAULT_CLOCK: PatientClock = { timezone: 'UTC', wakeTime: '07:00', sleepTime: '22:30' };

/** Fixed moments (decisions, docs/SCHEDULING.md): meals at 08:00/13:00/19:00, noon, evening. */
const MEALS = ['08:00', '13:00', '19:00'];
const NOON = '12:00';
const EVENING = '18:00';
// N a day spreads across the waking hours FIRST–LAST: 1 → 09:00; 2 → 09:00, 21:00; 3 → 09:00,
// 15:00, 21:00 (the same window extraction/timing.ts checks a schedule against).

const WEEKDAY: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The local minutes of the day at which the doses of one dosing day fall. */
export function timesOfDay(t: Timing, clock: PatientClock, perDay: number): number[] {
  if (t.timeOfDay.length) return t.timeOfDay.map(minutesOf).sort((a, b) => a - b);
  const moments = t.when.flatMap((w) => {
    if (w === 'morning') return [minutesOf(clock.wakeTime) + 60];
    if (w === 'bedtime') return [minutesOf(clock.sleepTime) - 30];
    if (w === 'noon') return [minutesOf(NOON)];
    if (w === 'evening') return [minutesOf(EVENING)];
    return MEALS.map(minutesOf);
  });
  const unique = [...new Set(moments)].sort((a, b) => a - b);
  if (unique.length >= perDay) return unique.slice(0, perDay);
  if (perDay === 1) return [FIRST];
  return Array.from({ length: perDay }, (_, i) => Math.round(FIRST + (i * (LAST - FIRST)) / (perDay - 1)));
}

interface Plan {
  /** Doses wanted: the course's, or as many as fit before `until` for an ongoing item. */
  count: number;
  until: DateTime;
  /** Doses before this instant are passed over, uncounted (a schedule continued from its start). */
  after: number;
}

export interface DoseTimesOptions {
  horizonDays: number;
  /** How many doses (default: the course's; an ongoing item's until the horizon). */
  count?: number;
  /** Only doses strictly after this instant. */
  after?: Date;
}

/**
 * The instants of the doses of `t`, the first on or after `start` + `startDay` days. `horizonDays`
 * bounds an ongoing item (the scheduler materialises it on a rolling horizon).
 */
export function doseTimes(t: Timing, clock: PatientClock, start: Date, opts: DoseTimesOptions): Date[] {
  const zone = clock.timezone;
  const from = DateTime.fromJSDate(start, { zone }).plus({ days: t.startDay });
  const finite = opts.count ?? courseDoses(t);
  const plan: Plan = {
    count: finite ?? Number.POSITIVE_INFINITY,
    until: finite === null ? from.plus({ days: opts.horizonDays }) : from.plus({ years: 3 }),
    after: opts.after?.getTime() ?? Number.NEGATIVE_INFINITY,
  };
  if (t.periodUnit === 'h') return everyHours(t, clock, from, plan);
  // Weekday schedules name one dose per day (the schema's rule); less than daily is one per dosing day.
  const rate = t.frequency / periodDays(t);
  const perDay = t.dayOfWeek.length || rate < 1 ? 1 : Math.max(1, Math.round(rate));
  const minutes = timesOfDay(t, clock, perDay);
  // "Every n days" counts from the first dose: the first dose time on or after the start.
  const firstAt = (day: DateTime) => day.set({ hour: Math.floor(minutes[0]! / 60), minute: minutes[0]! % 60 });
  const today = from.startOf('day');
  const everyNDays = !t.dayOfWeek.length && rate < 1;
  const days = dosingDays(t, everyNDays && firstAt(today) < from ? today.plus({ days: 1 }) : today, plan);
  const out: Date[] = [];
  for (const day of days) {
    for (const m of minutes) {
      // set() on a local date: luxon moves a time in a DST gap forward, as a wall clock does.
      const at = day.set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 });
      if (at < from || at > plan.until || at.toMillis() <= plan.after) continue;
      out.push(at.toJSDate());
      if (out.length >= plan.count) return out;
    }
  }
  return out;
}

/** The local dates doses fall on, from the start day on, lazily. */
function* dosingDays(t: Timing, first: DateTime, plan: Plan): Generator<DateTime> {
  const rate = t.frequency / periodDays(t);
  for (let n = 0; ; n++) {
    const day = first.plus({ days: n });
    if (day > plan.until) return;
    if (t.dayOfWeek.length) {
      if (t.dayOfWeek.some((d) => WEEKDAY[d] === day.weekday)) yield day;
    } else if (rate >= 1 - 1e-9) {
      yield day;
    } else {
      // Every 1/rate days from the first dosing day ("every other day", "three times a week").
      const k = Math.floor(n * rate + 1e-9);
      if (k !== Math.floor((n - 1) * rate + 1e-9) || n === 0) yield day;
    }
  }
}

/** Every k hours: strict spacing in real time from the first waking dose on or after the start. */
function everyHours(t: Timing, clock: PatientClock, from: DateTime, plan: Plan): Date[] {
  const stepMinutes = (t.period * 60) / t.frequency;
  const [first] = timesOfDay({ ...t, frequency: 1 }, clock, 1);
  let anchor = from.startOf('day').set({ hour: Math.floor(first! / 60), minute: first! % 60 });
  // The first dose on or after the start, on the anchored grid (absolute minutes, DST-proof).
  if (anchor < from) {
    const behind = from.diff(anchor, 'minutes').minutes;
    anchor = anchor.plus({ minutes: Math.ceil(behind / stepMinutes) * stepMinutes });
  }
  const out: Date[] = [];
  if (anchor.toMillis() <= plan.after) {
    const behind = (plan.after - anchor.toMillis()) / 60_000;
    anchor = anchor.plus({ minutes: (Math.floor(behind / stepMinutes) + 1) * stepMinutes });
  }
  for (let at = anchor; at <= plan.until && out.length < plan.count; at = at.plus({ minutes: stepMinutes }))
    out.push(at.toJSDate());
  return out;
}
