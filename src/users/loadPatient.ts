// The patient and the doctor they have currently chosen: what every access decision about a
// patient's record starts from.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { DbOrTx } from '../db/client.js';
import { assignments, type User, users } from '../db/schema.js';
import { notFound } from '../errors.js';
import { authorize, canReadPatientRecord } from '../policies.js';

/**
 * The patient and the id of their current doctor (or null), in one query. With `lock`, inside a
 * transaction, the patient's row is share-locked: choosing a doctor locks it for update first,
 * so the relationship read here cannot change before this transaction ends.
 */
export async function loadPatient(
  db: DbOrTx,
  patientId: string,
  opts: { lock?: boolean } = {},
): Promise<{ patient: User; doctorId: string | null }> {
  const query = db
    .select({ patient: users, doctorId: assignments.doctorId })
    .from(users)
    .leftJoin(assignments, and(eq(assignments.patientId, users.id), eq(assignments.active, true)))
    .where(eq(users.id, patientId));
  const [row] = opts.lock ? await query.for('share', { of: users }) : await query;
  // A doctor's id is not a patient: the same 404 as an unknown id.
  if (row?.patient.role === 'patient') return row;
  throw notFound('patient');
}

/**
 * Loads the patient and checks the reader may see their record (`policy`: the read's own named
 * policy, by default the record's); returns the current doctor id.
 */
export async function authorizePatientRecord(
  ctx: Pick<AppContext, 'db'>,
  reader: User,
  patientId: string,
  policy: typeof canReadPatientRecord = canReadPatientRecord,
) {
  const { patient, doctorId } = await loadPatient(ctx.db, patientId);
  authorize(policy(reader, patientId, doctorId), 'not your patient');
  return { patient, doctorId };
}
