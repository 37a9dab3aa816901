// Rows for a note's steps, sealed under the note's data key: checklist items (with their due
// time), plan items (with their reminder count and spacing) and unclear parts. Each text and
// source goes into `texts` too, so the events of the same unit of work render without a re-read.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { ExtractedChecklistItem, ExtractedPlanItem, Timing, UnclearPart } from '../extraction/schema.js';
import { courseDoses, dosesPerDay, periodDays } from '../extraction/timing.js';
import { ONGOING_HORIZON_DAYS } from '../doses/horizon.js';
import { sealSource, sealStep } from '../sealed/cipher.js';

/** One note cannot create more reminders than this (a q1h item for a year is 8 760). */
export const MAX_REMINDERS_PER_NOTE = 5000;

interface Sealer {
  dek: Buffer;
  noteId: string;
  patientId: string;
  texts: Map<string, string>;
}

function sealed(s: Sealer, kind: 'checklist' | 'plan', text: string, source: string, id = randomUUID()) {
  s.texts.set(id, text);
  s.texts.set(`source:${id}`, source);
  return {
    id,
    noteId: s.noteId,
    patientId: s.patientId,
    ...sealStep(s.dek, s.noteId, s.patientId, kind, id, text),
    ...sealSource(s.dek, s.noteId, s.patientId, id, source),
  };
}

/** Reminders an item gets now: its whole course, or the horizon of an ongoing one; none as needed. */
export function remindersFor(item: Pick<ExtractedPlanItem, 'asNeeded' | 'timing'>): number {
  if (item.asNeeded || !item.timing) return 0;
  return courseDoses(item.timing) ?? Math.ceil(ONGOING_HORIZON_DAYS * dosesPerDay(item.timing));
}

/** Why these steps would flood the schedule (null when they would not): checked before writing. */
export function reminderBudgetError(plan: Array<Pick<ExtractedPlanItem, 'asNeeded' | 'timing'>>): string | null {
  const total = plan.reduce((n, item) => n + remindersFor(item), 0);
  return total > MAX_REMINDERS_PER_NOTE
    ? `these steps would create ${total} reminders; one note may create at most ${MAX_REMINDERS_PER_NOTE}`
    : null;
}

export function assertReminderBudget(plan: Array<Pick<ExtractedPlanItem, 'asNeeded' | 'timing'>>) {
  const message = reminderBudgetError(plan);
  if (message) throw new AppError(400, 'TOO_MANY_REMINDERS', message);
}

/** The mean spacing of doses at this SCHEDULE_DAY_MS (kept for reports; the clock sets the times). */
export const intervalOf = (t: Timing | null, dayMs: number) =>
  t ? Math.max(1, Math.floor((periodDays(t) * dayMs) / t.frequency)) : dayMs;

export function checklistRow(s: Sealer, item: ExtractedChecklistItem, position: number, now: Date, dayMs: number) {
  const dueAt = item.dueInDays === null ? null : new Date(now.getTime() + item.dueInDays * dayMs);
  return { ...sealed(s, 'checklist', item.text, item.source), position, dueAt, status: 'open' as const };
}

export function planRow(
  s: Sealer,
  item: ExtractedPlanItem,
  position: number,
  status: 'draft' | 'active' | 'stopped',
  start: { startsAt: Date; wallStartsAt: Date },
  dayMs: number,
) {
  return {
    ...sealed(s, 'plan', item.text, item.source),
    position,
    status,
    asNeeded: item.asNeeded,
    timing: item.timing,
    requiredCheckins: remindersFor(item),
    intervalMs: intervalOf(item.timing, dayMs),
    ...start,
  };
}

export function unclearRow(s: Sealer, part: UnclearPart, position: number) {
  const id = randomUUID();
  const text = JSON.stringify({ source: part.source, reason: part.reason });
  s.texts.set(id, text);
  return {
    id,
    noteId: s.noteId,
    patientId: s.patientId,
    ...sealStep(s.dek, s.noteId, s.patientId, 'unclear', id, text),
    position,
  };
}

export type { Sealer };
