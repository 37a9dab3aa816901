// Adherence as CSV (DESIGN §4 `GET /api/patients/:id/adherence.csv`): the rows of readAdherence,
// one per plan item per local day, for a report in a spreadsheet. RFC 4180: CRLF line ends, a cell
// with a comma, quote or line break in quotes with its quotes doubled. The item texts are the
// doctor's words, so a text like `=HYPERLINK(…)` must not run as a formula where the file is opened:
// a cell starting with = + - @ tab or CR gets a leading apostrophe (OWASP's CSV injection advice).
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { readAdherence } from './readAdherence.js';

export const ADHERENCE_CSV_HEADER = [
  'date',
  'plan_item_id',
  'item_text',
  'due',
  'taken',
  'late',
  'skipped',
  'missed',
  'adherence_percent',
] as const;

/** One cell: defused against formulas, then quoted when RFC 4180 needs it. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

type Adherence = Awaited<ReturnType<typeof readAdherence>>;

/** Oldest day first, the items in the order the JSON lists them within a day. */
export function adherenceCsv(a: Adherence): string {
  const lines = [csvLine([...ADHERENCE_CSV_HEADER])];
  for (const [i, { date }] of a.days.entries())
    for (const item of a.items) {
      const d = item.days[i]!;
      lines.push(csvLine([date, item.planItemId, item.text, d.due, d.taken, d.late, d.skipped, d.missed, d.adherence]));
    }
  return lines.join('');
}

/** The read of the JSON route (same policy, same audit: the texts are the patient's), as CSV. */
export async function exportAdherenceCsv(ctx: AppContext, reader: User, patientId: string, days: number) {
  return adherenceCsv(await readAdherence(ctx, reader, patientId, days));
}
