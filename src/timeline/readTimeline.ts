// A patient's record as the reader saw it: their own events about that patient, newest first,
// rendered exactly as they were delivered live. Only the patient and their current doctor read
// it, and every read is audited.
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { canReadTimeline } from '../policies.js';
import { authorizePatientRecord } from '../users/loadPatient.js';

export async function readTimeline(
  ctx: AppContext,
  reader: User,
  patientId: string,
  page: { before: number | null; limit: number },
) {
  await authorizePatientRecord(ctx, reader, patientId, canReadTimeline);
  const result = await ctx.events.timeline(reader.id, patientId, page.before, page.limit);
  await auditOnce(ctx.db, reader.id, 'timeline.read', `patient:${patientId}/timeline`);
  return result;
}
