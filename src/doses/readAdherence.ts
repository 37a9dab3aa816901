// Adherence (DESIGN §4): per plan item and per local day of the patient, over the last `days`
// days including today — doses due so far, taken, late, skipped, missed — and the percentage.
// The percentage counts decided doses only (taken + late over taken + late + skipped + missed): a
// dose whose window is still open is not yet a miss.
import { and, asc, eq, gte, lte, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { planItems, prnDoses, reminders, type User } from '../db/schema.js';
import { canReadAdherence } from '../policies.js';
import { loadTexts } from '../sealed/texts.js';
import { authorizePatientRecord } from '../users/loadPatient.js';
import { scaleAt } from './dayScale.js';
import { clockOf } from './patientClock.js';

const OUTCOMES = ['taken', 'late', 'skipped', 'missed'] as const;
type Counts = { due: number; taken: number; late: number; skipped: number; missed: number; adherence: number | null };

const empty = (): Counts => ({ due: 0, taken: 0, late: 0, skipped: 0, missed: 0, adherence: null });

function add(c: Counts, status: string) {
  c.due++;
  if ((OUTCOMES as readonly string[]).includes(status)) c[status as (typeof OUTCOMES)[number]]++;
  const decided = c.taken + c.late + c.skipped + c.missed;
  c.adherence = decided ? Math.round((100 * (c.taken + c.late)) / decided) : null;
}

export async function readAdherence(ctx: AppContext, reader: User, patientId: string, days: number) {
  await authorizePatientRecord(ctx, reader, patientId, canReadAdherence);
  const clock = await clockOf(ctx.db, patientId);
  // Local days of the patient's clock (compressed days included).
  const scale = scaleAt(clock.anchor, ctx.config.scheduleDayMs);
  const today = DateTime.fromJSDate(scale.toWall(new Date()), { zone: clock.timezone }).startOf('day');
  const first = today.minus({ days: days - 1 });
  const since = scale.toReal(first.toJSDate());
  const dates = Array.from({ length: days }, (_, i) => first.plus({ days: i }).toFormat('yyyy-MM-dd'));
  const rows = await ctx.db
    .select({ planItemId: reminders.planItemId, status: reminders.status, localDate: reminders.localDate })
    .from(reminders)
    .where(
      and(
        eq(reminders.patientId, patientId),
        ne(reminders.status, 'cancelled'),
        ne(reminders.status, 'scheduled'),
        gte(reminders.dueAt, since),
        lte(reminders.dueAt, new Date()),
      ),
    )
    .orderBy(asc(reminders.dueAt));
  const prn = await ctx.db
    .select({ planItemId: prnDoses.planItemId, takenAt: prnDoses.takenAt })
    .from(prnDoses)
    .where(and(eq(prnDoses.patientId, patientId), gte(prnDoses.takenAt, since)));
  const items = await ctx.db
    .select({ id: planItems.id, status: planItems.status, asNeeded: planItems.asNeeded })
    .from(planItems)
    .where(eq(planItems.patientId, patientId));
  const texts = await loadTexts(ctx, reader.id, { plan: items.map((i) => i.id) });
  await auditOnce(ctx.db, reader.id, 'adherence.read', `patient:${patientId}/adherence`);
  const total = empty();
  const byDay = new Map(dates.map((d) => [d, { date: d, ...empty(), asNeeded: 0 }]));
  // Each item also keeps its own days (the heatmap's cells, the CSV's rows), every date listed.
  type ItemDay = Counts & { date: string; asNeeded: number };
  const byItem = new Map<string, Counts & { asNeeded: number; days: Map<string, ItemDay> }>();
  const itemOf = (id: string) =>
    byItem.get(id) ??
    byItem
      .set(id, { ...empty(), asNeeded: 0, days: new Map(dates.map((d) => [d, { date: d, ...empty(), asNeeded: 0 }])) })
      .get(id)!;
  for (const r of rows) {
    add(total, r.status);
    const item = itemOf(r.planItemId);
    add(item, r.status);
    const day = r.localDate ? byDay.get(r.localDate) : undefined;
    if (day) add(day, r.status);
    const own = r.localDate ? item.days.get(r.localDate) : undefined;
    if (own) add(own, r.status);
  }
  for (const p of prn) {
    const item = itemOf(p.planItemId);
    item.asNeeded++;
    const date = DateTime.fromJSDate(scale.toWall(p.takenAt), { zone: clock.timezone }).toFormat('yyyy-MM-dd');
    const day = byDay.get(date);
    if (day) day.asNeeded++;
    const own = item.days.get(date);
    if (own) own.asNeeded++;
  }
  return {
    timezone: clock.timezone,
    days: [...byDay.values()],
    items: items
      .filter((i) => byItem.has(i.id))
      .map((i) => {
        const { days: own, ...counts } = byItem.get(i.id)!;
        return { planItemId: i.id, text: texts.get(i.id) ?? '', status: i.status, ...counts, days: [...own.values()] };
      }),
    total,
  };
}
