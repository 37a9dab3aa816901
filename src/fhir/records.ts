// What happened to the doses, as FHIR R4: a MedicationAdministration per taken, late, skipped or
// missed dose of a drug (and per logged as-needed dose), a Procedure for the same of a non-drug
// action (a MedicationAdministration must name a medication). Not-done doses carry their reason.
import type { PrnDose, Reminder } from '../db/schema.js';
import { type FhirResource, refTo } from './resources.js';

export type RecordedDose = Pick<Reminder, 'id' | 'status' | 'dueAt' | 'takenAt' | 'skipReason'>;

const SKIP_WORDS: Record<string, string> = {
  side_effects: 'side effects',
  unwell: 'unwell',
  no_supply: 'no supply',
  doctor_advised: 'doctor advised',
  other: 'other',
};

function outcome(dose: RecordedDose) {
  const done = dose.status === 'taken' || dose.status === 'late';
  const reason =
    dose.status === 'skipped'
      ? `skipped${dose.skipReason ? `: ${SKIP_WORDS[dose.skipReason] ?? dose.skipReason}` : ''}`
      : dose.status === 'missed'
        ? 'missed: not taken within its window'
        : undefined;
  return {
    status: done ? 'completed' : 'not-done',
    reason,
    // A not-done dose happened (did not happen) at its due time.
    at: (done && dose.takenAt ? dose.takenAt : dose.dueAt).toISOString(),
    note: dose.status === 'late' ? 'taken after its window closed' : undefined,
  };
}

/** One recorded dose of `request` (a MedicationRequest or ServiceRequest). */
export function doseRecord(dose: RecordedDose, request: FhirResource, patient: FhirResource): FhirResource {
  const o = outcome(dose);
  const note = o.note ? { note: [{ text: o.note }] } : {};
  if (request.resourceType === 'ServiceRequest')
    return {
      resourceType: 'Procedure',
      id: dose.id,
      status: o.status,
      ...(o.reason ? { statusReason: { text: o.reason } } : {}),
      basedOn: [refTo(request)],
      code: request.code,
      subject: refTo(patient),
      performedDateTime: o.at,
      ...note,
    };
  return {
    resourceType: 'MedicationAdministration',
    id: dose.id,
    status: o.status,
    ...(o.reason ? { statusReason: [{ text: o.reason }] } : {}),
    medicationCodeableConcept: request.medicationCodeableConcept,
    subject: refTo(patient),
    effectiveDateTime: o.at,
    request: refTo(request),
    ...note,
  };
}

/** An as-needed dose the patient logged: always taken. */
export function prnRecord(dose: PrnDose, request: FhirResource, patient: FhirResource): FhirResource {
  const taken = { id: dose.id, status: 'taken' as const, dueAt: dose.takenAt, takenAt: dose.takenAt, skipReason: null };
  const out = doseRecord(taken, request, patient);
  return dose.overMax ? { ...out, note: [{ text: 'logged above the most the note allows per day' }] } : out;
}
