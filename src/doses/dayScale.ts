// SCHEDULE_DAY_MS compresses days for tests and demos (DESIGN §8): the patient's clock then runs
// `day / dayMs` times faster than real time, pinned at one pair of instants (a plan item's first
// dose, real and on the clock). Dose times are computed on that clock, in the patient's zone, and
// mapped back; with a real day (the default) both clocks are the same and nothing changes.
import type { PlanItem } from '../db/schema.js';

export const DAY_MS = 86_400_000;

export interface DayScale {
  /** Real instant → the instant the patient's (compressed) clock shows. */
  toWall(real: Date): Date;
  toReal(wall: Date): Date;
  /** A duration on the patient's clock (a 15-minute nudge) as real milliseconds. */
  real(wallMs: number): number;
}

export function dayScale(realAt: Date, wallAt: Date, dayMs: number): DayScale {
  const speed = DAY_MS / dayMs;
  const r0 = realAt.getTime();
  const w0 = wallAt.getTime();
  return {
    toWall: (real) => new Date(w0 + (real.getTime() - r0) * speed),
    toReal: (wall) => new Date(r0 + Math.round((wall.getTime() - w0) / speed)),
    real: (wallMs) => wallMs / speed,
  };
}

/** A plan item's scale: pinned at its first dose. */
export const scaleOf = (item: Pick<PlanItem, 'startsAt' | 'wallStartsAt'>, dayMs: number) =>
  dayScale(item.startsAt, item.wallStartsAt ?? item.startsAt, dayMs);

/** A patient's scale before an item has a first dose: their clock showed real time at `anchor`. */
export const scaleAt = (anchor: Date, dayMs: number) => dayScale(anchor, anchor, dayMs);
