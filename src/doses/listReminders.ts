// The reminders of a patient's live plans: everything up to one day ahead (oldest first).
import { and, asc, eq, inArray, lt, ne } from 'drizzle-orm';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { reminders, planItems, type User } from '../db/schema.js';
import { withText } from '../events/render/renderer.js';
import { reminderStub } from '../events/render/reminders.js';
import { loadTexts } from '../sealed/texts.js';
import { canListReminders } from '../policies.js';
import { authorizePatientRecord } from '../users/loadPatient.js';

export async function listReminders(ctx: AppContext, reader: User, patientId: string) {
  await authorizePatientRecord(ctx, reader, patientId, canListReminders);
  await auditOnce(ctx.db, reader.id, 'reminders.read', `patient:${patientId}/reminders`);
  const rows = await ctx.db
    .select({ occ: reminders })
    .from(reminders)
    .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
    .where(
      and(
        eq(reminders.patientId, patientId),
        inArray(planItems.status, ['active', 'completed']),
        ne(reminders.status, 'cancelled'),
        lt(reminders.dueAt, new Date(Date.now() + ctx.config.scheduleDayMs)),
      ),
    )
    .orderBy(asc(reminders.dueAt), asc(reminders.seq))
    .limit(500);
  const texts = await loadTexts(ctx, reader.id, { plan: rows.map((r) => r.occ.planItemId) });
  return { reminders: rows.map(({ occ }) => withText(reminderStub(occ), texts, occ.planItemId)) };
}
