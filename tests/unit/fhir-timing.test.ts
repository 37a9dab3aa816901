// The v2 timing → FHIR R4 Timing mapper (src/fhir/timing.ts), rule by rule, each result also
// checked by medplum's validator inside a MedicationRequest.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { timing } from '../../src/extraction/schema.js';
import { fhirTiming, whenText } from '../../src/fhir/timing.js';
import { fhirErrors } from '../helpers/fhirValidator.js';

const UCUM_DAYS = (value: number) => ({ value, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' });

function assertValid(t: ReturnType<typeof fhirTiming>, asNeeded = false) {
  const request = {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: { text: 'x' },
    dosageInstruction: [{ asNeededBoolean: asNeeded, timing: t }],
  };
  assert.deepEqual(fhirErrors(request), []);
}

describe('FHIR timing', () => {
  test('qds: four times a day for 7 days → 4 per 1 d, bounded by 7 days', () => {
    const t = fhirTiming(timing({ frequency: 4, period: 1, periodUnit: 'd', durationDays: 7 }));
    assert.deepEqual(t, { repeat: { frequency: 4, period: 1, periodUnit: 'd', boundsDuration: UCUM_DAYS(7) } });
    assertValid(t);
  });

  test('nocte: at bedtime → when HS; times of day become HH:MM:SS', () => {
    const nocte = fhirTiming(timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['bedtime'], durationDays: 5 }));
    assert.deepEqual(nocte.repeat.when, ['HS']);
    assertValid(nocte);
    const all = fhirTiming(
      timing({
        frequency: 7,
        period: 1,
        periodUnit: 'wk',
        when: ['morning', 'noon', 'evening', 'bedtime', 'before-meals', 'with-meals', 'after-meals'],
      }),
    );
    assert.deepEqual(all.repeat.when, ['MORN', 'NOON', 'EVE', 'HS', 'AC', 'C', 'PC']);
    const clock = fhirTiming(timing({ frequency: 2, period: 1, periodUnit: 'd', timeOfDay: ['08:00', '20:30'] }));
    assert.deepEqual(clock.repeat.timeOfDay, ['08:00:00', '20:30:00']);
    assertValid(clock);
  });

  test('a clock time wins over a moment (FHIR tim-10); the moment stays as an instruction', () => {
    const t = timing({ frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['08:00'], when: ['with-meals'] });
    const out = fhirTiming(t);
    assert.deepEqual([out.repeat.timeOfDay, out.repeat.when], [['08:00:00'], undefined]);
    assert.equal(whenText(t), 'with meals');
    assert.equal(whenText(timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['noon'] })), undefined);
    assertValid(out);
  });

  test('weekly on Monday → 1 per 1 wk, dayOfWeek mon', () => {
    const t = fhirTiming(timing({ frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'], durationDays: 28 }));
    assert.deepEqual(t.repeat, {
      frequency: 1,
      period: 1,
      periodUnit: 'wk',
      dayOfWeek: ['mon'],
      boundsDuration: UCUM_DAYS(28),
    });
    assertValid(t);
  });

  test('every 8 hours → 1 per 8 h; monthly → mo', () => {
    const t = fhirTiming(timing({ frequency: 1, period: 8, periodUnit: 'h', durationDays: 3 }));
    assert.deepEqual([t.repeat.frequency, t.repeat.period, t.repeat.periodUnit], [1, 8, 'h']);
    assertValid(t);
    assert.equal(fhirTiming(timing({ frequency: 1, period: 1, periodUnit: 'mo' })).repeat.periodUnit, 'mo');
  });

  test('as needed, at most 4 a day → the maximum as the timing', () => {
    const t = fhirTiming(timing({ frequency: 4, period: 1, periodUnit: 'd' }));
    assert.deepEqual(t, { repeat: { frequency: 4, period: 1, periodUnit: 'd' } });
    assertValid(t, true);
  });

  test('a taper phase with startDay → boundsPeriod from its first dose, for its duration', () => {
    const first = new Date('2026-03-04T09:00:00.000Z');
    const t = fhirTiming(timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 5, startDay: 5 }), first);
    assert.deepEqual(t.repeat.boundsPeriod, { start: '2026-03-04T09:00:00.000Z', end: '2026-03-09T09:00:00.000Z' });
    assert.equal(t.repeat.boundsDuration, undefined, 'bounds[x] is one choice');
    assertValid(t);
    const open = fhirTiming(timing({ frequency: 1, period: 1, periodUnit: 'd', startDay: 2 }), first);
    assert.deepEqual(open.repeat.boundsPeriod, { start: '2026-03-04T09:00:00.000Z' });
    const firstPhase = fhirTiming(timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 5 }), first);
    assert.deepEqual(firstPhase.repeat.boundsDuration, UCUM_DAYS(5));
  });

  test('ongoing → no bounds at all', () => {
    const t = fhirTiming(timing({ frequency: 2, period: 1, periodUnit: 'd', timeOfDay: ['08:00', '20:00'] }));
    assert.deepEqual(Object.keys(t.repeat).sort(), ['frequency', 'period', 'periodUnit', 'timeOfDay']);
    assertValid(t);
  });

  test('the validator is live: a broken timing fails', () => {
    const bad = { repeat: { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['8:00'], when: ['MORN'] } };
    const request = {
      resourceType: 'MedicationRequest',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/p1' },
      medicationCodeableConcept: { text: 'x' },
      dosageInstruction: [{ timing: bad }],
    };
    assert.ok(fhirErrors(request).length > 0);
  });
});
