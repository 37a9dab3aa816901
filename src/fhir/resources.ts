// FHIR R4 resources for the people and the plan: Patient, Practitioner, one MedicationRequest (a
// drug the lexicon names) or ServiceRequest (any other action) per plan item, a Task per checklist
// item, and the CarePlan that references them. Pure: rows and opened texts in, JSON out.
import { createHash } from 'node:crypto';
import type { ChecklistItem, PlanItem, User } from '../db/schema.js';
import { drugNames } from '../extraction/drugs.js';
import { fhirTiming, whenText } from './timing.js';

export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;
export type Reference = { reference: string; display?: string };

/** Entries are addressed by `urn:uuid:<id>` (our ids are UUIDs), so references resolve in the Bundle. */
export const refTo = (r: Pick<FhirResource, 'id'>): Reference => ({ reference: `urn:uuid:${r.id}` });

/** A stable UUID for a resource we have no row for (the CarePlan): the same on every export. */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const person = (type: 'Patient' | 'Practitioner', u: User, extra: Record<string, unknown> = {}): FhirResource => ({
  resourceType: type,
  id: u.id,
  active: true,
  name: [{ text: u.name }],
  telecom: [{ system: 'email', value: u.email }],
  ...extra,
});

export const patientResource = (u: User, doctor: FhirResource | null) =>
  person('Patient', u, doctor ? { generalPractitioner: [refTo(doctor)] } : {});
export const practitionerResource = (u: User) => person('Practitioner', u);

/** A plan item as exported: its row, its opened text, and whether the current doctor wrote it. */
export interface ExportItem {
  row: PlanItem;
  text: string;
  byCurrentDoctor: boolean;
}

/** The drug names in an item's text; none: the item is a non-drug action (ServiceRequest). */
export const drugsIn = (text: string) => [...drugNames(text)];

const INCOMPLETE = 'Ended incomplete: doses were missed beyond what the course could add back.';
const MED_STATUS = {
  active: 'active',
  draft: 'draft',
  completed: 'completed',
  stopped: 'stopped',
  incomplete: 'stopped',
};
const SERVICE_STATUS = {
  active: 'active',
  draft: 'draft',
  completed: 'completed',
  stopped: 'revoked',
  incomplete: 'revoked',
};

/** The MedicationRequest or ServiceRequest of one plan item. */
export function requestResource(item: ExportItem, patient: FhirResource, doctor: FhirResource | null): FhirResource {
  const { row, text } = item;
  const drugs = drugsIn(text);
  const timing = row.timing ? fhirTiming(row.timing, row.wallStartsAt ?? row.startsAt) : undefined;
  const instruction = row.timing ? whenText(row.timing) : undefined;
  const common = {
    id: row.id,
    intent: 'order',
    subject: refTo(patient),
    ...(doctor && item.byCurrentDoctor ? { requester: refTo(doctor) } : {}),
    authoredOn: row.createdAt.toISOString(),
    ...(row.status === 'incomplete' ? { note: [{ text: INCOMPLETE }] } : {}),
  };
  if (drugs.length === 0)
    return {
      resourceType: 'ServiceRequest',
      status: SERVICE_STATUS[row.status],
      ...common,
      code: { text },
      asNeededBoolean: row.asNeeded,
      ...(timing ? { occurrenceTiming: timing } : {}),
      ...(instruction ? { patientInstruction: instruction } : {}),
    };
  return {
    resourceType: 'MedicationRequest',
    status: MED_STATUS[row.status],
    ...(row.status === 'incomplete' ? { statusReason: { text: 'incomplete' } } : {}),
    ...common,
    medicationCodeableConcept: { text: drugs.join(', ') },
    dosageInstruction: [
      {
        text,
        ...(instruction ? { patientInstruction: instruction } : {}),
        asNeededBoolean: row.asNeeded,
        ...(timing ? { timing } : {}),
      },
    ],
  };
}

const TASK_STATUS = { open: 'requested', done: 'completed', removed: 'cancelled' } as const;

export function taskResource(row: ChecklistItem, text: string, patient: FhirResource): FhirResource {
  return {
    resourceType: 'Task',
    id: row.id,
    status: TASK_STATUS[row.status],
    intent: 'plan',
    description: text,
    for: refTo(patient),
    authoredOn: row.createdAt.toISOString(),
    ...(row.dueAt ? { restriction: { period: { end: row.dueAt.toISOString() } } } : {}),
    ...(row.doneAt ? { executionPeriod: { end: row.doneAt.toISOString() } } : {}),
  };
}

/** The patient's plan: every exported request and task as an activity. */
export function carePlanResource(
  patient: FhirResource,
  doctor: FhirResource | null,
  requests: FhirResource[],
  tasks: FhirResource[],
): FhirResource {
  const live = (r: FhirResource) => r.status === 'active' || r.status === 'requested';
  const status = [...requests, ...tasks].some(live)
    ? 'active'
    : requests.some((r) => r.status === 'draft')
      ? 'draft'
      : 'completed';
  return {
    resourceType: 'CarePlan',
    id: derivedId('careplan', patient.id),
    status,
    intent: 'plan',
    title: 'Carebeat care plan',
    subject: refTo(patient),
    ...(doctor ? { author: refTo(doctor) } : {}),
    // FHIR allows no empty arrays: a plan with nothing in it has no `activity`.
    ...(requests.length + tasks.length
      ? { activity: [...requests, ...tasks].map((r) => ({ reference: refTo(r) })) }
      : {}),
  };
}
