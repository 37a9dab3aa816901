// GET /api/patients/:id/fhir (DESIGN §4): the patient's record as a FHIR R4 `collection` Bundle —
// Patient, their current doctor as Practitioner, a request per plan item, a Task per checklist
// item, the CarePlan, and the recorded doses. Texts are opened for the reader from the sealed rows;
// an item whose text the reader holds no key for (a note by an earlier doctor) is left out, with
// its doses, rather than exported without saying what it is. The read is audited.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { auditOnce } from '../audit/log.js';
import type { AppContext } from '../context.js';
import { checklistItems, notes, planItems, prnDoses, reminders, type User, users } from '../db/schema.js';
import { canExportFhir } from '../policies.js';
import { loadTexts } from '../sealed/texts.js';
import { authorizePatientRecord } from '../users/loadPatient.js';
import { doseRecord, prnRecord } from './records.js';
import {
  carePlanResource,
  type ExportItem,
  type FhirResource,
  patientResource,
  practitionerResource,
  requestResource,
  taskResource,
} from './resources.js';

/** Bounds of one export; the newest recorded doses are kept when a long course has more. */
const MAX_ITEMS = 1000;
const MAX_DOSES = 5000;

export const FHIR_CONTENT_TYPE = 'application/fhir+json';

export async function exportPatientFhir(ctx: AppContext, reader: User, patientId: string) {
  const { patient, doctorId } = await authorizePatientRecord(ctx, reader, patientId, canExportFhir);
  const [doctor] = doctorId ? await ctx.db.select().from(users).where(eq(users.id, doctorId)) : [];
  const items = await ctx.db
    .select({ row: planItems, authorId: notes.doctorId })
    .from(planItems)
    .innerJoin(notes, eq(notes.id, planItems.noteId))
    .where(eq(planItems.patientId, patientId))
    .orderBy(asc(planItems.createdAt), asc(planItems.position))
    .limit(MAX_ITEMS);
  const tasks = await ctx.db
    .select()
    .from(checklistItems)
    .where(eq(checklistItems.patientId, patientId))
    .orderBy(asc(checklistItems.createdAt), asc(checklistItems.position))
    .limit(MAX_ITEMS);
  const texts = await loadTexts(ctx, reader.id, {
    plan: items.map((i) => i.row.id),
    checklist: tasks.map((t) => t.id),
  });
  const readable: ExportItem[] = items
    .filter((i) => texts.has(i.row.id))
    .map((i) => ({ row: i.row, text: texts.get(i.row.id)!, byCurrentDoctor: i.authorId === doctorId }));
  const ids = readable.map((i) => i.row.id);
  const doses = ids.length
    ? await ctx.db
        .select()
        .from(reminders)
        .where(
          and(inArray(reminders.planItemId, ids), inArray(reminders.status, ['taken', 'late', 'skipped', 'missed'])),
        )
        .orderBy(desc(reminders.dueAt))
        .limit(MAX_DOSES)
    : [];
  const prn = ids.length
    ? await ctx.db
        .select()
        .from(prnDoses)
        .where(inArray(prnDoses.planItemId, ids))
        .orderBy(desc(prnDoses.takenAt))
        .limit(MAX_DOSES)
    : [];
  await auditOnce(ctx.db, reader.id, 'fhir.read', `patient:${patientId}/fhir`);

  const practitioner = doctor ? practitionerResource(doctor) : null;
  const subject = patientResource(patient, practitioner);
  const requests = new Map(readable.map((i) => [i.row.id, requestResource(i, subject, practitioner)]));
  const taskResources = tasks.filter((t) => texts.has(t.id)).map((t) => taskResource(t, texts.get(t.id)!, subject));
  const records = [
    ...doses.map((d) => doseRecord(d, requests.get(d.planItemId)!, subject)),
    ...prn.map((d) => prnRecord(d, requests.get(d.planItemId)!, subject)),
  ];
  const plan = carePlanResource(subject, practitioner, [...requests.values()], taskResources);
  return bundleOf([
    subject,
    ...(practitioner ? [practitioner] : []),
    plan,
    ...requests.values(),
    ...taskResources,
    ...records,
  ]);
}

function bundleOf(resources: FhirResource[]) {
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'collection',
    timestamp: new Date().toISOString(),
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
