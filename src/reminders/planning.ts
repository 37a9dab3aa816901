// Plan item → reminders (DESIGN.md §8): required = frequencyPerDay × durationDays, spaced
// day / frequencyPerDay apart, the first one interval after the plan starts. All reminders are
// rows in PostgreSQL (the source of truth); only the near-term ones get a queued job.
import type { Tx } from '../db/client.js';
import { reminders, type Reminder, type PlanItem } from '../db/schema.js';

export const intervalFor = (dayMs: number, frequencyPerDay: number) => Math.max(1, Math.floor(dayMs / frequencyPerDay));
export const redeliveryFor = (dayMs: number) => Math.max(1, Math.floor(dayMs / 24));

/** Every reminder of these plan items, in one insert per 1 000 rows. */
export async function createReminders(tx: Tx, items: PlanItem[]): Promise<Reminder[]> {
  const rows = items.flatMap((item) =>
    Array.from({ length: item.requiredCheckins }, (_, i) => ({
      planItemId: item.id,
      patientId: item.patientId,
      seq: i + 1,
      dueAt: new Date(item.startsAt.getTime() + i * item.intervalMs),
      status: item.status === 'active' ? ('scheduled' as const) : ('cancelled' as const),
    })),
  );
  const created: Reminder[] = [];
  // Chunked: a 24×/day, 365-day item has 8 760 reminders.
  for (let i = 0; i < rows.length; i += 1000)
    created.push(
      ...(await tx
        .insert(reminders)
        .values(rows.slice(i, i + 1000))
        .returning()),
    );
  return created;
}
