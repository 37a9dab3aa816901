// A doctor's open adherence alerts (DESIGN §4): those raised to them about patients who are still
// theirs, newest first — what a reloaded desk shows until each is acknowledged.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { adherenceAlerts, assignments, type User } from '../db/schema.js';
import { alertStub } from '../events/render/doses.js';
import { authorize, canListPatients } from '../policies.js';

export async function listOpenAlerts(ctx: AppContext, doctor: User) {
  authorize(canListPatients(doctor), 'only doctors have alerts');
  const rows = await ctx.db
    .select({ alert: adherenceAlerts })
    .from(adherenceAlerts)
    .innerJoin(
      assignments,
      and(
        eq(assignments.patientId, adherenceAlerts.patientId),
        eq(assignments.doctorId, doctor.id),
        eq(assignments.active, true),
      ),
    )
    .where(and(eq(adherenceAlerts.doctorId, doctor.id), isNull(adherenceAlerts.acknowledgedAt)))
    .orderBy(desc(adherenceAlerts.createdAt))
    .limit(500);
  return { alerts: rows.map((r) => alertStub(r.alert)) };
}
