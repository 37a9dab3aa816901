// The fault suite's population: one doctor and many patients (real signups through the API), plans
// built through the services of an in-process app, and ground truth read from PostgreSQL.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { events, planItems, reminders } from '../../src/db/schema.js';
import type { TestApp } from './app.js';
import { buildPlan, createDoctor, createPatient, type TestUser } from './factories.js';

/** Runs `fn` over `items`, at most `n` at a time; results in input order. */
export async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export async function population(url: string, patients: number): Promise<{ doctor: TestUser; patients: TestUser[] }> {
  const doctor = await createDoctor(url);
  const list = await pool(
    Array.from({ length: patients }, (_, i) => i),
    8,
    (i) => createPatient(url, { doctor, name: `Fault patient ${i}` }),
  );
  return { doctor, patients: list };
}

/** One once-daily item per patient, its first dose due at `dueAt[i]`; returns each item's first dose. */
export async function firstDoses(
  app: TestApp,
  doctor: TestUser,
  patients: TestUser[],
  dueAt: (i: number) => Date,
): Promise<Array<{ patientId: string; planItemId: string; doseId: string }>> {
  const items = await pool(patients, 3, async (patient, i) => {
    const { plan } = await buildPlan(
      { app, doctor, patient },
      { items: [{ text: `Take fault medicine ${i}`, frequencyPerDay: 1, durationDays: 3 }], firstDueAt: dueAt(i) },
    );
    return { patientId: patient.id, planItemId: plan[0]!.id };
  });
  const rows = await app.ctx.db
    .select({ id: reminders.id, planItemId: reminders.planItemId })
    .from(reminders)
    .where(
      and(
        inArray(
          reminders.planItemId,
          items.map((i) => i.planItemId),
        ),
        eq(reminders.seq, 1),
      ),
    );
  const doseOf = new Map(rows.map((r) => [r.planItemId, r.id]));
  return items.map((i) => ({ ...i, doseId: doseOf.get(i.planItemId)! }));
}

/** Stops the patients' active plans, so nothing keeps firing after a case (also on failure). */
export async function stopPlans(app: TestApp, patientIds: string[]): Promise<void> {
  if (!patientIds.length) return;
  await app.ctx.db
    .update(planItems)
    .set({ status: 'stopped' })
    .where(and(inArray(planItems.patientId, patientIds), eq(planItems.status, 'active')));
}

/** How many outbox rows of `type` each of these users has. */
export async function outboxCounts(app: TestApp, userIds: string[], type: string): Promise<Map<string, number>> {
  const rows = await app.ctx.db
    .select({ userId: events.userId, n: sql<number>`count(*)::int` })
    .from(events)
    .where(and(inArray(events.userId, userIds), eq(events.type, type)))
    .groupBy(events.userId);
  return new Map(rows.map((r) => [r.userId, r.n]));
}

/** Every outbox row (seq, id) of each user, in seq order: the truth a client must end with. */
export async function outboxOf(
  app: TestApp,
  userIds: string[],
): Promise<Map<string, Array<{ seq: number; id: string }>>> {
  const rows = await app.ctx.db
    .select({ userId: events.userId, seq: events.seq, id: events.id })
    .from(events)
    .where(inArray(events.userId, userIds))
    .orderBy(events.userId, events.seq);
  const out = new Map<string, Array<{ seq: number; id: string }>>(userIds.map((u) => [u, []]));
  for (const r of rows) out.get(r.userId)!.push({ seq: r.seq, id: r.id });
  return out;
}
