// The busy doctor's patient list (DESIGN §4 `GET /api/me/patients?sort=attention`): per patient the
// open alerts, doses missed in the last 7 days, doses overdue now, adherence over 7 and 30 days,
// the last dose taken and the next one due. One statement: every figure is a subquery over the
// doctor's current patients, so 500 patients cost one round trip.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { rowsOf } from '../db/client.js';
import type { User } from '../db/schema.js';
import { authorize, canListPatients } from '../policies.js';
import { scaleAt } from './dayScale.js';

export const deskQuery = z
  .object({
    sort: z.enum(['since', 'name', 'attention']).default('since'),
    q: z.string().trim().max(100).optional(),
    filter: z.enum(['alerts', 'overdue', 'no-plan']).optional(),
  })
  .strict();
export type DeskQuery = z.infer<typeof deskQuery>;

interface Row {
  id: string;
  name: string;
  email: string;
  since: Date | string;
  open_alerts: number;
  missed_7d: number;
  overdue: number;
  decided_7d: number;
  kept_7d: number;
  decided_30d: number;
  kept_30d: number;
  last_taken_at: Date | string | null;
  next_due_at: Date | string | null;
  active_items: number;
  unread_messages: number;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const pct = (kept: number, decided: number) => (decided ? Math.round((100 * kept) / decided) : null);

// Attention first: open alerts, then doses overdue now, then misses this week, then the lowest
// adherence; a patient with nothing to decide yet sorts after one with a record. A message the
// doctor has not read ("the tablets make me sick") ranks after what is overdue, before the misses.
const ORDER = {
  since: sql`since asc`,
  name: sql`lower(name) asc, since asc`,
  attention: sql`open_alerts desc, overdue desc, unread_messages desc, missed_7d desc, (case when decided_7d = 0 then 101 else 100.0 * kept_7d / decided_7d end) asc, lower(name) asc`,
};

export async function listDeskPatients(ctx: AppContext, doctor: User, q: DeskQuery) {
  authorize(canListPatients(doctor), 'only doctors have patients');
  const day = scaleAt(new Date(), ctx.config.scheduleDayMs).real(86_400_000);
  const week = new Date(Date.now() - 7 * day).toISOString();
  const month = new Date(Date.now() - 30 * day).toISOString();
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const filter =
    q.filter === 'alerts'
      ? sql`and open_alerts > 0`
      : q.filter === 'overdue'
        ? sql`and overdue > 0`
        : q.filter === 'no-plan'
          ? sql`and active_items = 0`
          : sql``;
  const result = await ctx.db.execute(sql`
    with mine as (
      select u.id, u.name, u.email, a.created_at as since from assignments a join users u on u.id = a.patient_id
      where a.doctor_id = ${doctor.id} and a.active
        and (${like}::text is null or u.name ilike ${like} or u.email ilike ${like})
    ), figures as (
      select m.*,
        (select count(*)::int from adherence_alerts x where x.patient_id = m.id and x.doctor_id = ${doctor.id} and x.acknowledged_at is null) as open_alerts,
        (select count(*)::int from reminders r where r.patient_id = m.id and r.status = 'missed' and r.due_at > ${week}::timestamptz) as missed_7d,
        (select count(*)::int from reminders r join plan_items p on p.id = r.plan_item_id where r.patient_id = m.id and r.status = 'due' and p.status = 'active') as overdue,
        (select count(*)::int from reminders r where r.patient_id = m.id and r.status in ('taken','late','skipped','missed') and r.due_at > ${week}::timestamptz) as decided_7d,
        (select count(*)::int from reminders r where r.patient_id = m.id and r.status in ('taken','late') and r.due_at > ${week}::timestamptz) as kept_7d,
        (select count(*)::int from reminders r where r.patient_id = m.id and r.status in ('taken','late','skipped','missed') and r.due_at > ${month}::timestamptz) as decided_30d,
        (select count(*)::int from reminders r where r.patient_id = m.id and r.status in ('taken','late') and r.due_at > ${month}::timestamptz) as kept_30d,
        (select max(r.taken_at) from reminders r where r.patient_id = m.id) as last_taken_at,
        (select min(r.due_at) from reminders r join plan_items p on p.id = r.plan_item_id where r.patient_id = m.id and r.status = 'scheduled' and p.status = 'active') as next_due_at,
        (select count(*)::int from plan_items p where p.patient_id = m.id and p.status = 'active') as active_items,
        (select count(*)::int from messages g where g.patient_id = m.id and g.doctor_id = ${doctor.id} and g.author_id = m.id and g.read_at is null) as unread_messages
      from mine m
    )
    select * from figures where true ${filter} order by ${ORDER[q.sort]}`);
  return {
    patients: rowsOf<Row>(result).map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      since: iso(r.since)!,
      openAlerts: r.open_alerts,
      missedLast7Days: r.missed_7d,
      overdueNow: r.overdue,
      adherence7d: pct(r.kept_7d, r.decided_7d),
      adherence30d: pct(r.kept_30d, r.decided_30d),
      lastTakenAt: iso(r.last_taken_at),
      nextDueAt: iso(r.next_due_at),
      activeItems: r.active_items,
      unreadMessages: r.unread_messages,
    })),
  };
}
