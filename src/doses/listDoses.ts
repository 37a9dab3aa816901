// The calendar (DESIGN §4): a patient's doses between two instants, each with its local date and
// time on the patient's clock and its state. Default: from the start of the patient's today, a week.
import { and, asc, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { planItems, reminders, type User } from '../db/schema.js';
import { validationFailed } from '../errors.js';
import { doseStub } from '../events/render/doses.js';
import { withText } from '../events/render/renderer.js';
import { canReadDoses } from '../policies.js';
import { loadTexts } from '../sealed/texts.js';
import { authorizePatientRecord } from '../users/loadPatient.js';
import { scaleAt } from './dayScale.js';
import { clockOf } from './patientClock.js';
import { MAX_RANGE_DAYS } from './schemas.js';

const MAX_DOSES = 2000;

export async function listDoses(ctx: AppContext, reader: User, patientId: string, q: { from?: string; to?: string }) {
  await authorizePatientRecord(ctx, reader, patientId, canReadDoses);
  const clock = await clockOf(ctx.db, patientId);
  // Default: the patient's today and six days more, on their clock (compressed days included).
  const scale = scaleAt(clock.anchor, ctx.config.scheduleDayMs);
  const today = DateTime.fromJSDate(scale.toWall(new Date()), { zone: clock.timezone }).startOf('day');
  const from = q.from ? new Date(q.from) : scale.toReal(today.toJSDate());
  const to = q.to ? new Date(q.to) : scale.toReal(today.plus({ days: 7 }).toJSDate());
  if (to <= from) throw validationFailed('`to` must be after `from`');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
    throw validationFailed(`one read spans at most ${MAX_RANGE_DAYS} days`);
  const rows = await ctx.db
    .select({ dose: reminders })
    .from(reminders)
    .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
    .where(
      and(
        eq(reminders.patientId, patientId),
        inArray(planItems.status, ['active', 'completed', 'incomplete', 'stopped']),
        ne(reminders.status, 'cancelled'),
        gte(reminders.dueAt, from),
        lt(reminders.dueAt, to),
      ),
    )
    .orderBy(asc(reminders.dueAt), asc(reminders.seq))
    .limit(MAX_DOSES + 1);
  const texts = await loadTexts(ctx, reader.id, { plan: rows.map((r) => r.dose.planItemId) });
  await auditOnce(ctx.db, reader.id, 'doses.read', `patient:${patientId}/doses`);
  return {
    timezone: clock.timezone,
    from: from.toISOString(),
    to: to.toISOString(),
    // A range with more than the page holds says so rather than silently ending early.
    truncated: rows.length > MAX_DOSES,
    doses: rows.slice(0, MAX_DOSES).map(({ dose }) => withText(doseStub(dose), texts, dose.planItemId)),
  };
}
