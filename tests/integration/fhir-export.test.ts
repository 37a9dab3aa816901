// GET /api/patients/:id/fhir (DESIGN §4, issue 15), black-box over HTTP on a short day: a patient
// with a taper (two phases, the second with startDay), a weekly drug, an as-needed drug, an
// ongoing drug, a non-drug action and a checklist item; one dose taken and one skipped. Every
// resource is validated by medplum's FHIR R4 validator with zero errors; the timings match the
// plan, the administrations match the doses; access follows the current doctor; reads are audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { pino } from 'pino';
import { auditLog, planItems } from '../../src/db/schema.js';
import { timing } from '../../src/extraction/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { buildPlan, createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { logSink } from '../helpers/logs.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';
import { fhirErrors } from '../helpers/fhirValidator.js';

const DAY = 8000;
const UCUM_DAYS = (value: number) => ({ value, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' });
const TEXTS = {
  taper1: 'Take prednisolone 40 mg',
  taper2: 'Take prednisolone 20 mg',
  weekly: 'Take alendronate 70 mg',
  prn: 'Take paracetamol 1 g',
  ongoing: 'Take metformin 500 mg',
  walk: 'Walk for 30 minutes',
  task: 'Book a blood test',
};

const { lines: logLines, stream } = logSink();
let app: TestApp;
let doctor: TestUser, patient: TestUser;
let ps: TestSocket;
let plan: Awaited<ReturnType<typeof buildPlan>>;
const byText = (text: string) => plan.plan.find((p) => p.text === text)!;

before(async () => {
  app = await startTestApp({ SCHEDULE_DAY_MS: String(DAY) }, { logger: pino({ level: 'debug' }, stream) });
  doctor = await createDoctor(app.url);
  patient = await createPatient(app.url, { doctor });
  const set = await patient.api.put('/api/me/settings', {
    timezone: 'UTC',
    wakeTime: '07:00',
    sleepTime: '22:30',
    quietHours: false,
  });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  ps = await connectSocket(app.url, patient.token);
  const daily = (t: Partial<Parameters<typeof timing>[0]>) =>
    timing({ frequency: 1, period: 1, periodUnit: 'd', ...t });
  plan = await buildPlan(
    { app, doctor, patient },
    {
      items: [
        { text: TEXTS.taper1, asNeeded: false, timing: daily({ when: ['morning'], durationDays: 3 }), source: '' },
        {
          text: TEXTS.taper2,
          asNeeded: false,
          timing: daily({ when: ['morning'], durationDays: 3, startDay: 3 }),
          source: '',
        },
        {
          text: TEXTS.weekly,
          asNeeded: false,
          timing: timing({ frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'], timeOfDay: ['07:30'] }),
          source: '',
        },
        { text: TEXTS.prn, asNeeded: true, timing: timing({ frequency: 4, period: 1, periodUnit: 'd' }), source: '' },
        {
          text: TEXTS.ongoing,
          asNeeded: false,
          timing: timing({ frequency: 2, period: 1, periodUnit: 'd', timeOfDay: ['08:00', '20:00'] }),
          source: '',
        },
        { text: TEXTS.walk, asNeeded: false, timing: daily({ when: ['evening'], durationDays: 14 }), source: '' },
      ],
      checklist: [{ text: TEXTS.task, dueInDays: 7, source: '' }],
    },
  );
});

after(async () => {
  if (patient)
    await app.ctx.db
      .update(planItems)
      .set({ status: 'stopped' })
      .where(and(eq(planItems.patientId, patient.id), inArray(planItems.status, ['active', 'draft'])));
  ps?.close();
  await app?.stop();
});

const entries = (bundle: any) => (bundle.entry as { fullUrl: string; resource: any }[]).map((e) => e.resource);
const ofType = (bundle: any, type: string) => entries(bundle).filter((r) => r.resourceType === type);
const byId = (bundle: any, id: string) => entries(bundle).find((r) => r.id === id);
const timingOf = (r: any) => (r.resourceType === 'ServiceRequest' ? r.occurrenceTiming : r.dosageInstruction[0].timing);

describe('FHIR export', () => {
  let taken: any, skipped: any;
  let bundle: any;

  before(async () => {
    // The first doses are due at once (buildPlan pins them); take metformin's, skip prednisolone's.
    const dueOf = (itemId: string) => ps.waitFor('dose:due', (p) => p.dose.planItemId === itemId, 10_000);
    const [m, p] = await Promise.all([dueOf(byText(TEXTS.ongoing).id), dueOf(byText(TEXTS.taper1).id)]);
    const take = await patient.api.post(`/api/doses/${m.dose.id}/take`);
    assert.equal(take.status, 200, JSON.stringify(take.body));
    taken = take.body.dose;
    const skip = await patient.api.post(`/api/doses/${p.dose.id}/skip`, { reason: 'side_effects' });
    assert.equal(skip.status, 200, JSON.stringify(skip.body));
    skipped = skip.body.dose;
    const res = await doctor.api.get(`/api/patients/${patient.id}/fhir`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.headers.get('content-type') ?? '', /^application\/fhir\+json/);
    bundle = res.body;
  });

  test('a collection Bundle whose every resource validates with zero errors', () => {
    assert.deepEqual([bundle.resourceType, bundle.type], ['Bundle', 'collection']);
    assert.deepEqual(fhirErrors(bundle), [], 'the Bundle');
    for (const r of entries(bundle)) assert.deepEqual(fhirErrors(r), [], `${r.resourceType}/${r.id}`);
    const counts = (t: string) => ofType(bundle, t).length;
    assert.deepEqual(
      ['Patient', 'Practitioner', 'CarePlan', 'MedicationRequest', 'ServiceRequest', 'Task'].map(counts),
      [1, 1, 1, 5, 1, 1],
    );
    const urls = bundle.entry.map((e: any) => e.fullUrl);
    assert.equal(new Set(urls).size, urls.length, 'fullUrls are unique');
    // Every reference resolves inside the Bundle.
    const refs = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
    for (const ref of refs) assert.ok(urls.includes(JSON.parse(`{${ref}}`).reference), ref);
  });

  test('the people and the plan', () => {
    const [pat] = ofType(bundle, 'Patient');
    const [doc] = ofType(bundle, 'Practitioner');
    assert.deepEqual(
      [pat.id, pat.name[0].text, doc.id, doc.name[0].text],
      [patient.id, patient.name, doctor.id, doctor.name],
    );
    const [carePlan] = ofType(bundle, 'CarePlan');
    const activities = carePlan.activity.map((a: any) => a.reference.reference);
    const expected = [...plan.plan.map((p) => p.id), ...plan.checklist.map((c) => c.id)].map((id) => `urn:uuid:${id}`);
    assert.deepEqual(activities.sort(), expected.sort());
    assert.equal(carePlan.status, 'active');
    const task = byId(bundle, plan.checklist[0]!.id);
    assert.deepEqual([task.status, task.description], ['requested', TEXTS.task]);
    assert.equal(task.restriction.period.end, plan.checklist[0]!.dueAt!.toISOString());
    const walk = byId(bundle, byText(TEXTS.walk).id);
    assert.deepEqual([walk.resourceType, walk.code.text], ['ServiceRequest', TEXTS.walk]);
    const med = byId(bundle, byText(TEXTS.ongoing).id);
    assert.deepEqual([med.medicationCodeableConcept.text, med.dosageInstruction[0].text], ['metformin', TEXTS.ongoing]);
    assert.deepEqual(med.requester, { reference: `urn:uuid:${doctor.id}` });
  });

  test('the timings match the plan items', () => {
    const repeat = (text: string) => timingOf(byId(bundle, byText(text).id)).repeat;
    assert.deepEqual(repeat(TEXTS.taper1), {
      frequency: 1,
      period: 1,
      periodUnit: 'd',
      when: ['MORN'],
      boundsDuration: UCUM_DAYS(3),
    });
    const phase2 = byText(TEXTS.taper2);
    const start = phase2.wallStartsAt ?? phase2.startsAt;
    assert.deepEqual(repeat(TEXTS.taper2), {
      frequency: 1,
      period: 1,
      periodUnit: 'd',
      when: ['MORN'],
      boundsPeriod: { start: start.toISOString(), end: new Date(start.getTime() + 3 * 86_400_000).toISOString() },
    });
    const first = byText(TEXTS.taper1);
    assert.ok(
      start.getTime() >= (first.wallStartsAt ?? first.startsAt).getTime() + 3 * 86_400_000 - 1,
      'phase 2 after',
    );
    assert.deepEqual(repeat(TEXTS.weekly), {
      frequency: 1,
      period: 1,
      periodUnit: 'wk',
      dayOfWeek: ['mon'],
      timeOfDay: ['07:30:00'],
    });
    assert.deepEqual(repeat(TEXTS.prn), { frequency: 4, period: 1, periodUnit: 'd' });
    assert.deepEqual(repeat(TEXTS.ongoing), {
      frequency: 2,
      period: 1,
      periodUnit: 'd',
      timeOfDay: ['08:00:00', '20:00:00'],
    });
    assert.deepEqual(repeat(TEXTS.walk), {
      frequency: 1,
      period: 1,
      periodUnit: 'd',
      when: ['EVE'],
      boundsDuration: UCUM_DAYS(14),
    });
    const asNeeded = (text: string) => byId(bundle, byText(text).id).dosageInstruction[0].asNeededBoolean;
    assert.deepEqual([asNeeded(TEXTS.prn), asNeeded(TEXTS.ongoing)], [true, false]);
    const statuses = plan.plan.map((p) => [p.status, byId(bundle, p.id).status]);
    for (const [ours, theirs] of statuses) assert.equal(theirs, ours === 'stopped' ? 'stopped' : ours);
  });

  test('the administrations match the doses', () => {
    const admins = ofType(bundle, 'MedicationAdministration');
    assert.deepEqual(admins.map((a) => a.id).sort(), [taken.id, skipped.id].sort());
    const t = byId(bundle, taken.id);
    assert.deepEqual(
      [t.status, t.effectiveDateTime, t.request.reference, t.medicationCodeableConcept.text],
      ['completed', taken.takenAt, `urn:uuid:${byText(TEXTS.ongoing).id}`, 'metformin'],
    );
    const s = byId(bundle, skipped.id);
    assert.deepEqual(
      [s.status, s.statusReason[0].text, s.effectiveDateTime, s.request.reference],
      ['not-done', 'skipped: side effects', skipped.dueAt, `urn:uuid:${byText(TEXTS.taper1).id}`],
    );
  });

  test('the patient reads it too; the reads are audited', async () => {
    const own = await patient.api.get(`/api/patients/${patient.id}/fhir`);
    assert.equal(own.status, 200);
    assert.equal(ofType(own.body, 'MedicationRequest').length, 5);
    const audited = await app.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fhir.read'), eq(auditLog.subject, `patient:${patient.id}/fhir`)));
    assert.deepEqual([...new Set(audited.map((a) => a.actorId))].sort(), [doctor.id, patient.id].sort());
  });

  test('no patient text in the logs', () => {
    const all = logLines.join('\n');
    assert.ok(logLines.length > 0, 'the sink saw the app log');
    for (const text of Object.values(TEXTS)) assert.ok(!all.includes(text), `"${text}" logged`);
    assert.ok(!/prednisolone|metformin|alendronate|paracetamol/i.test(all));
  });
});

describe('FHIR export access', () => {
  test('a stranger doctor is refused; a former doctor is refused after the patient switches', async () => {
    const other = await createPatient(app.url);
    const stranger = await createDoctor(app.url);
    const path = `/api/patients/${patient.id}/fhir`;
    const refused = await stranger.api.get(path);
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'FORBIDDEN']);
    assert.equal((await other.api.get(path)).status, 403, 'another patient');
    assert.equal((await doctor.api.get(`/api/patients/${doctor.id}/fhir`)).status, 404, 'a doctor is no patient');
    assert.equal((await doctor.api.get('/api/patients/nope/fhir')).status, 400);

    const switched = await patient.api.put('/api/me/doctor', { doctorId: stranger.id });
    assert.equal(switched.status, 200, JSON.stringify(switched.body));
    const former = await doctor.api.get(path);
    assert.deepEqual([former.status, former.body.error.code], [403, 'FORBIDDEN']);
    // The new doctor holds no key to the earlier doctor's note: its items are left out, not blank.
    const fresh = await stranger.api.get(path);
    assert.equal(fresh.status, 200);
    assert.deepEqual(
      ofType(fresh.body, 'Practitioner').map((p) => p.id),
      [stranger.id],
    );
    assert.deepEqual([ofType(fresh.body, 'MedicationRequest').length, ofType(fresh.body, 'Task').length], [0, 0]);
    for (const r of entries(fresh.body)) assert.deepEqual(fhirErrors(r), [], `${r.resourceType}/${r.id}`);
  });
});
