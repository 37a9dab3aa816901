// Who a patient's live events go to: the patient and their CURRENT doctor (the active assignment),
// read inside the writer's transaction. The note's author is not asked: a doctor the patient left
// must stop receiving their health data.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { assignments, users } from '../db/schema.js';
import { careRecipients, holdsNoteKey } from '../policies.js';
import type { Texts } from '../sealed/texts.js';
import type { EventType } from './protocol.js';
import type { StoredData } from './render/index.js';
import type { UnitOfWork } from './unitOfWork.js';

/**
 * Patient id → current doctor id (or null). With `lock` the patients' rows are share-locked in id
 * order, as loadPatient does: choosing a doctor locks that row for update first, so the recipient
 * read here stays the patient's doctor until this transaction commits.
 */
export async function currentDoctors(
  db: DbOrTx,
  patientIds: string[],
  opts: { lock?: boolean } = {},
): Promise<Map<string, string | null>> {
  const ids = [...new Set(patientIds)];
  if (ids.length === 0) return new Map();
  const query = db
    .select({ patientId: users.id, doctorId: assignments.doctorId })
    .from(users)
    .leftJoin(assignments, and(eq(assignments.patientId, users.id), eq(assignments.active, true)))
    .where(inArray(users.id, ids))
    .orderBy(asc(users.id));
  const rows = opts.lock ? await query.for('share', { of: users }) : await query;
  return new Map(rows.map((r) => [r.patientId, r.doctorId]));
}

export const currentDoctor = async (db: DbOrTx, patientId: string, opts: { lock?: boolean } = {}) =>
  (await currentDoctors(db, [patientId], opts)).get(patientId) ?? null;

/**
 * Emits to the patient (unless `patient: false`) and their current doctor. Texts in hand are
 * passed only to a recipient holding the note's wrap; anyone else gets theirs opened by the
 * publisher, which leaves out what they hold no wrap for.
 */
export function emitToCare<K extends EventType>(
  uow: UnitOfWork,
  care: { patientId: string; doctorId: string | null },
  type: K,
  stub: StoredData[K],
  opts: { patient?: boolean; texts?: Texts; note?: { wrappedKeys: Record<string, string> } } = {},
): void {
  for (const to of careRecipients(care.patientId, care.doctorId, opts)) {
    const texts = opts.texts && opts.note && holdsNoteKey(to, opts.note) ? opts.texts : undefined;
    uow.emit(to, type, stub, { patientId: care.patientId, texts });
  }
}
