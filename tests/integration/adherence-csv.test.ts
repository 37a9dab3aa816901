// `GET /api/patients/:id/adherence.csv` (issue 15, item 2) over HTTP against a constructed history:
// three ongoing daily items whose past ten days are written into their dose rows with known
// outcomes, on real-length days in UTC. The CSV has one row per item per local day with the counts
// of the JSON read, quotes a text with a comma, a quote and a line break (RFC 4180), defuses a text
// that would run as a formula, and is refused to a former doctor and strangers like the JSON.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { auditLog, reminders } from '../../src/db/schema.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { dailyAt, dosesOf, planWith, teamWithClock } from '../helpers/doses.js';
import { request } from '../helpers/http.js';
import { type ReminderApp, startReminderApp } from '../helpers/reminderApp.js';

const DAY = 86_400_000;
let run: ReminderApp;
before(async () => {
  run = await startReminderApp(DAY);
});
after(() => run?.stop());

const TEXTS = ['Take 1 tablet, say "ok"\nthen rest', '=HYPERLINK("http://x.example","click")', '@SUM(1+1) cells'];
// The outcome of each item's dose 1, 2, 3… days ago (cycled over ten days).
const PATTERNS = [['taken', 'late', 'skipped', 'missed', 'taken'], ['missed', 'taken'], ['late']] as const;
const HISTORY_DAYS = 10;

/** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  assert.equal(cell + row.join(''), '', 'the file ends with CRLF');
  return rows;
}

test('adherence.csv: the JSON read as rows, quoted, defused, refused like the JSON', async () => {
  const team = await teamWithClock(run, { timezone: 'UTC' });
  const pid = team.patient.id;
  // Constructed history: each item's first ten doses moved into the last ten days, decided.
  const expected = new Map<string, Record<string, number>>(); // `${date}|${itemId}` → counts
  const items = [];
  for (const [n, text] of TEXTS.entries()) {
    const item = await planWith(run, team, text, dailyAt(['09:00'], null), { firstDueAt: new Date(Date.now() + DAY) });
    items.push(item);
    const rows = await dosesOf(run, item.id);
    for (let k = 0; k < HISTORY_DAYS; k++) {
      const dueAt = new Date(Date.now() - (k + 1) * DAY);
      const status = PATTERNS[n]![k % PATTERNS[n]!.length]!;
      const localDate = DateTime.fromJSDate(dueAt, { zone: 'UTC' }).toFormat('yyyy-MM-dd');
      await run.app.ctx.db
        .update(reminders)
        .set({ dueAt, localDate, status, nextAttemptAt: null, takenAt: status.match(/taken|late/) ? dueAt : null })
        .where(eq(reminders.id, rows[k]!.id));
      expected.set(`${localDate}|${item.id}`, { due: 1, [status]: 1 });
    }
  }

  const path = `/api/patients/${pid}/adherence`;
  const json = (await team.doctor.api.get(`${path}?days=30`)).body;
  const res = await request(run.app.url, 'GET', `${path}.csv?days=30`, { token: team.doctor.token });
  assert.equal(res.status, 200, String(res.body));
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="adherence-${pid}.csv"`);
  const raw = res.body as string;
  // The quoting and the defusing, byte for byte.
  assert.ok(raw.includes(',"Take 1 tablet, say ""ok""\nthen rest",'), 'comma, quote and newline quoted');
  assert.ok(raw.includes(`,"'=HYPERLINK(""http://x.example"",""click"")",`), 'a formula starts with an apostrophe');
  assert.ok(raw.includes(",'@SUM(1+1) cells,"), 'so does an @ cell');
  assert.ok(!/(^|,)[=@+]/m.test(raw.replaceAll('"', '')), 'no cell starts a formula');

  const [header, ...rows] = parseCsv(raw);
  assert.deepEqual(header, [
    'date',
    'plan_item_id',
    'item_text',
    'due',
    'taken',
    'late',
    'skipped',
    'missed',
    'adherence_percent',
  ]);
  assert.equal(rows.length, 30 * TEXTS.length, 'one row per item per day');
  assert.deepEqual(
    [...new Set(rows.map((r) => r[0]))],
    json.days.map((d: any) => d.date),
    'oldest day first',
  );
  const byItem = new Map(json.items.map((i: any) => [i.planItemId, i]));
  const totals = new Map<string, number[]>();
  for (const [date, itemId, text, ...counts] of rows) {
    const item: any = byItem.get(itemId!);
    assert.ok(item, `a row of an item the JSON has: ${itemId}`);
    assert.equal(text!.replace(/^'/, ''), item.text);
    const day = item.days.find((d: any) => d.date === date);
    const want = expected.get(`${date}|${itemId}`) ?? {};
    const keys = ['due', 'taken', 'late', 'skipped', 'missed'] as const;
    assert.deepEqual(
      counts.slice(0, 5).map(Number),
      keys.map((k) => want[k] ?? 0),
      `${date} ${item.text}`,
    );
    assert.deepEqual(
      counts.slice(0, 5).map(Number),
      keys.map((k) => day[k]),
      'the JSON day',
    );
    assert.equal(counts[5], want.due && !want.skipped && !want.missed ? '100' : want.due ? '0' : '', 'adherence %');
    assert.equal(counts[5], day.adherence === null ? '' : String(day.adherence));
    const sum = totals.get(itemId!) ?? [0, 0, 0, 0, 0];
    totals.set(itemId!, sum.map((s, i) => s + Number(counts[i])) as number[]);
  }
  for (const item of json.items)
    assert.deepEqual(totals.get(item.planItemId), [item.due, item.taken, item.late, item.skipped, item.missed]);
  assert.deepEqual(totals.get(items[0]!.id), [10, 4, 2, 2, 2], 'the first pattern over ten days');

  // A shorter window: fewer rows; the patient reads her own.
  const week = await request(run.app.url, 'GET', `${path}.csv?days=7`, { token: team.patient.token });
  assert.equal(week.status, 200);
  assert.equal(parseCsv(week.body).length, 1 + 7 * TEXTS.length);
  const reads = await run.app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, team.doctor.id), eq(auditLog.action, 'adherence.read')));
  assert.ok(reads.length >= 1, 'the export is a read of the record, on the trail');

  // Bad input: the error shape.
  for (const q of ['?days=0', '?days=91', '?days=week', '?days=7&format=xls']) {
    const bad = await team.doctor.api.get(`${path}.csv${q}`);
    assert.deepEqual([bad.status, bad.body.error?.code], [400, 'VALIDATION_FAILED'], q);
  }
  // Strangers, then the doctor the patient left.
  const strangerDoctor = await createDoctor(run.app.url);
  const strangerPatient = await createPatient(run.app.url);
  for (const who of [strangerDoctor, strangerPatient]) {
    const no = await who.api.get(`${path}.csv`);
    assert.deepEqual([no.status, no.body.error?.code], [403, 'FORBIDDEN'], who.role);
  }
  assert.equal((await team.patient.api.put('/api/me/doctor', { doctorId: strangerDoctor.id })).status, 200);
  const former = await team.doctor.api.get(`${path}.csv`);
  assert.deepEqual([former.status, former.body.error?.code], [403, 'FORBIDDEN']);
  assert.ok(!JSON.stringify(former.body).includes('HYPERLINK'), 'no text in the refusal');
  assert.equal((await strangerDoctor.api.get(`${path}.csv`)).status, 200, 'the new doctor reads it');
});
