// A dose's delivery chain (DESIGN §8), as pure decisions: after a step at `now`, what comes next —
// a nudge (+15, +60 minutes of the patient's day by default; never in quiet hours, never after the
// window), the end of a snooze, or the window's close (missed). The row stores the answer in
// `next_attempt_at`; the queue only wakes the worker then.
import type { Reminder } from '../db/schema.js';
import type { DayScale } from './dayScale.js';
import type { Clock } from './patientClock.js';
import { isQuiet } from './schedule.js';

export type StepKind = 'due' | 'nudge' | 'snooze' | 'expire';

export interface NextStep {
  at: Date;
  kind: Exclude<StepKind, 'due'>;
}

type ChainDose = Pick<Reminder, 'dueAt' | 'windowEndsAt' | 'snoozedUntil'>;

/** The window's end; a dose planned before v2 without one closes after half a day. */
export const windowEnd = (d: Pick<Reminder, 'dueAt' | 'windowEndsAt'>, scale: DayScale) =>
  d.windowEndsAt ?? new Date(d.dueAt.getTime() + scale.real(12 * 3_600_000));

export function nextStep(d: ChainDose, clock: Clock, scale: DayScale, nudgeMinutes: number[], now: Date): NextStep {
  const end = windowEnd(d, scale).getTime();
  const t = now.getTime();
  const snooze = d.snoozedUntil && d.snoozedUntil.getTime() > t ? d.snoozedUntil.getTime() : null;
  const nudges = nudgeMinutes
    .map((m) => d.dueAt.getTime() + scale.real(m * 60_000))
    // A snooze asked for quiet until then: nudges before it are dropped.
    .filter((at) => at > t && at < end && (snooze === null || at > snooze))
    .filter((at) => !(clock.quietHours && isQuiet(scale.toWall(new Date(at)), clock)));
  const candidates: NextStep[] = [
    ...nudges.map((at) => ({ at: new Date(at), kind: 'nudge' as const })),
    ...(snooze !== null && snooze < end ? [{ at: new Date(snooze), kind: 'snooze' as const }] : []),
  ];
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  return candidates[0] ?? { at: new Date(end), kind: 'expire' };
}
