// The FHIR resource builders (src/fhir/resources.ts, records.ts) on the cases the export test's one
// patient does not reach: every plan status, every checklist status, late, missed and as-needed
// doses, a non-drug action's doses. Each result is validated by medplum's FHIR R4 validator.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { ChecklistItem, PlanItem, User } from '../../src/db/schema.js';
import { timing } from '../../src/extraction/schema.js';
import { doseRecord, prnRecord } from '../../src/fhir/records.js';
import {
  carePlanResource,
  patientResource,
  practitionerResource,
  requestResource,
  taskResource,
} from '../../src/fhir/resources.js';
import { fhirErrors } from '../helpers/fhirValidator.js';

const valid = <T extends object>(r: T): T => {
  assert.deepEqual(fhirErrors(r), [], JSON.stringify(r));
  return r;
};

const at = new Date('2026-05-01T08:00:00.000Z');
const user = (role: 'patient' | 'doctor') => ({ id: randomUUID(), name: `A ${role}`, email: `${role}@x.test` }) as User;
const doctor = valid(practitionerResource(user('doctor')));
const patient = valid(patientResource(user('patient'), doctor));
const item = (status: PlanItem['status'], over: Partial<PlanItem> = {}) =>
  ({
    id: randomUUID(),
    status,
    asNeeded: false,
    timing: timing({ frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['09:00'], when: ['with-meals'] }),
    startsAt: at,
    wallStartsAt: at,
    createdAt: at,
    ...over,
  }) as PlanItem;
const request = (row: PlanItem, text = 'Take ibuprofen 400 mg') =>
  valid(requestResource({ row, text, byCurrentDoctor: true }, patient, doctor));
const dose = (status: 'taken' | 'late' | 'skipped' | 'missed', over = {}) => ({
  id: randomUUID(),
  status,
  dueAt: at,
  takenAt: status === 'taken' || status === 'late' ? new Date(at.getTime() + 60_000) : null,
  skipReason: null,
  ...over,
});

describe('FHIR resources', () => {
  test('plan statuses: a drug and a non-drug action', () => {
    const cases = ['active', 'draft', 'completed', 'stopped', 'incomplete'] as const;
    assert.deepEqual(
      cases.map((s) => request(item(s)).status),
      ['active', 'draft', 'completed', 'stopped', 'stopped'],
    );
    assert.deepEqual(
      cases.map((s) => request(item(s), 'Walk for 30 minutes').status),
      ['active', 'draft', 'completed', 'revoked', 'revoked'],
    );
    const incomplete = request(item('incomplete'));
    assert.equal((incomplete.statusReason as { text: string }).text, 'incomplete');
    assert.match((incomplete.note as { text: string }[])[0]!.text, /incomplete/i);
    const withMeals = request(item('active')) as any;
    assert.deepEqual(withMeals.dosageInstruction[0].patientInstruction, 'with meals');
    assert.equal(withMeals.medicationCodeableConcept.text, 'ibuprofen');
  });

  test('an as-needed item without a timing has no timing, only asNeeded', () => {
    const r = request(item('active', { asNeeded: true, timing: null }), 'Take paracetamol 1 g') as any;
    assert.deepEqual(r.dosageInstruction, [{ text: 'Take paracetamol 1 g', asNeededBoolean: true }]);
  });

  test('checklist statuses and dates', () => {
    const row = (status: ChecklistItem['status'], over: Partial<ChecklistItem> = {}) =>
      ({ id: randomUUID(), status, createdAt: at, dueAt: null, doneAt: null, ...over }) as ChecklistItem;
    const open = valid(taskResource(row('open'), 'Book a scan', patient)) as any;
    assert.deepEqual([open.status, open.restriction], ['requested', undefined]);
    const done = valid(taskResource(row('done', { dueAt: at, doneAt: at }), 'Book a scan', patient)) as any;
    assert.deepEqual(
      [done.status, done.restriction.period.end, done.executionPeriod.end],
      ['completed', at.toISOString(), at.toISOString()],
    );
    assert.equal(valid(taskResource(row('removed'), 'Book a scan', patient)).status, 'cancelled');
  });

  test('doses: taken, late, skipped with a reason, missed, as-needed; a non-drug action’s are Procedures', () => {
    const med = request(item('active'));
    const late = valid(doseRecord(dose('late'), med, patient)) as any;
    assert.deepEqual(
      [late.status, late.effectiveDateTime, late.note[0].text],
      ['completed', '2026-05-01T08:01:00.000Z', 'taken after its window closed'],
    );
    const missed = valid(doseRecord(dose('missed'), med, patient)) as any;
    assert.deepEqual([missed.status, missed.effectiveDateTime], ['not-done', at.toISOString()]);
    assert.match(missed.statusReason[0].text, /^missed/);
    const skipped = valid(doseRecord(dose('skipped', { skipReason: 'no_supply' }), med, patient)) as any;
    assert.equal(skipped.statusReason[0].text, 'skipped: no supply');
    const prn = { id: randomUUID(), planItemId: med.id, patientId: patient.id, takenAt: at, overMax: 1, createdAt: at };
    const logged = valid(prnRecord(prn, med, patient)) as any;
    assert.deepEqual([logged.status, logged.effectiveDateTime, logged.note.length], ['completed', at.toISOString(), 1]);

    const walk = request(item('active'), 'Walk for 30 minutes');
    const walked = valid(doseRecord(dose('taken'), walk, patient)) as any;
    assert.deepEqual(
      [walked.resourceType, walked.status, walked.basedOn[0].reference],
      ['Procedure', 'completed', `urn:uuid:${walk.id}`],
    );
    const notWalked = valid(doseRecord(dose('skipped'), walk, patient)) as any;
    assert.deepEqual([notWalked.status, notWalked.statusReason.text], ['not-done', 'skipped']);
  });

  test('the CarePlan: active while anything is live, completed after, no empty activity', () => {
    const done = request(item('completed'));
    const live = request(item('active'));
    assert.equal(valid(carePlanResource(patient, doctor, [done, live], [])).status, 'active');
    assert.equal(valid(carePlanResource(patient, doctor, [done], [])).status, 'completed');
    assert.equal(valid(carePlanResource(patient, null, [request(item('draft'))], [])).status, 'draft');
    const empty = valid(carePlanResource(patient, null, [], []));
    assert.equal(empty.activity, undefined);
    assert.equal(carePlanResource(patient, null, [], []).id, empty.id, 'a stable id');
  });
});
