// A plan item's doses as rows to store (DESIGN §8): each dose's real instant, its local date and
// time on the patient's clock, and its window (until the next dose or 12 h, whichever first). The
// sequence is always computed from the item's first dose, so a continuation (an extension, a
// rolling horizon, a re-plan after a settings change) lands on the same grid as the course did.
import { DateTime } from 'luxon';
import type { PlanItem } from '../db/schema.js';
import type { Timing } from '../extraction/schema.js';
import { type PatientClock, doseTimes } from './clock.js';
import { scaleAt, scaleOf } from './dayScale.js';
import type { Clock } from './patientClock.js';

export interface PlannedDose {
  dueAt: Date;
  localDate: string;
  localTime: string;
  windowEndsAt: Date;
}

const WINDOW_MS = 12 * 3_600_000;
/** A course never reaches this far; it bounds the search for a first dose. */
const SEARCH_DAYS = 3660;

type Scheduled = Pick<PlanItem, 'timing' | 'startsAt' | 'wallStartsAt'>;

/** Where a new item starts: its first dose after `now`, real and on the patient's clock. */
export function firstDose(t: Timing | null, clock: Clock, now: Date, dayMs: number, realAt?: Date) {
  const scale = scaleAt(clock.anchor, dayMs);
  const wallNow = scale.toWall(now);
  if (!t) return { startsAt: now, wallStartsAt: wallNow };
  const [wall] = doseTimes(t, clock, wallNow, { horizonDays: SEARCH_DAYS, count: 1 });
  if (!wall) return { startsAt: now, wallStartsAt: wallNow };
  // A test may pin the first dose at a real moment (buildPlan's firstDueAt); the clock follows.
  return { startsAt: realAt ?? scale.toReal(wall), wallStartsAt: wall };
}

/** The next `count` doses strictly after `after` (real; null: from the first dose on). */
export function nextDoses(
  item: Scheduled,
  clock: PatientClock,
  dayMs: number,
  count: number,
  after: Date | null,
): PlannedDose[] {
  if (!item.timing || count <= 0) return [];
  const scale = scaleOf(item, dayMs);
  const start = item.wallStartsAt ?? item.startsAt;
  const wallAfter = after ? scale.toWall(after) : new Date(start.getTime() - 1);
  const walls = wallTimes(item.timing, clock, start, count + 1, wallAfter);
  return walls.slice(0, count).map((wall, i) => {
    const local = DateTime.fromJSDate(wall, { zone: clock.timezone });
    const next = walls[i + 1]?.getTime() ?? Number.POSITIVE_INFINITY;
    return {
      dueAt: scale.toReal(wall),
      localDate: local.toFormat('yyyy-MM-dd'),
      localTime: local.toFormat('HH:mm'),
      windowEndsAt: scale.toReal(new Date(Math.min(next, wall.getTime() + WINDOW_MS))),
    };
  });
}

/** Doses on the patient's clock from the first one (`start`, on the grid by construction). */
function wallTimes(t: Timing, clock: PatientClock, start: Date, count: number, after: Date): Date[] {
  if (t.periodUnit === 'h') {
    // Every k hours is strict real spacing from the first dose, whatever the day or the zone.
    const step = (t.period * 3_600_000) / t.frequency;
    const n = Math.max(0, Math.floor((after.getTime() - start.getTime()) / step) + 1);
    return Array.from({ length: count }, (_, i) => new Date(start.getTime() + (n + i) * step));
  }
  // startDay is already in the first dose.
  return doseTimes({ ...t, startDay: 0 }, clock, start, { horizonDays: SEARCH_DAYS, count, after });
}

/** Whether this instant on the patient's clock falls in their night (sleep → wake). */
export function isQuiet(wall: Date, clock: PatientClock): boolean {
  const local = DateTime.fromJSDate(wall, { zone: clock.timezone });
  const m = local.hour * 60 + local.minute;
  const sleep = minutes(clock.sleepTime);
  const wake = minutes(clock.wakeTime);
  // A night that crosses midnight (22:30 → 07:00) or a day sleeper's (08:00 → 15:00).
  return sleep > wake ? m >= sleep || m < wake : m >= sleep && m < wake;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
