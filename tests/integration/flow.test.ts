// The product in one test: a doctor's note reaches the patient live, becomes steps, and the plan
// turns into reminders the patient checks in on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient } from '../helpers/factories.js';
import { connectSocket } from '../helpers/sockets.js';

let app: TestApp;
before(async () => {
  app = await startTestApp({ SCHEDULE_DAY_MS: '4800' });
});
after(async () => {
  await app.stop();
});

test('note → note:new → steps:ready → reminder:due → check-in, live for both', async () => {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  const ds = await connectSocket(app.url, doctor.token);
  const ps = await connectSocket(app.url, patient.token);
  try {
    const content = 'Take amoxicillin 500mg twice daily for 2 days. Buy a thermometer.';
    const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content });
    assert.equal(res.status, 202);
    assert.equal(res.body.note.status, 'pending');
    const noteNew = await ps.waitFor('note:new');
    assert.equal(noteNew.note.content, content);
    assert.equal((await ds.waitFor('note:new')).note.id, res.body.note.id);
    const steps = await ps.waitFor('steps:ready');
    assert.equal(steps.extractor, 'rules');
    assert.equal(steps.plan.length, 1);
    assert.equal(steps.plan[0].requiredCheckins, 4);
    assert.match(steps.plan[0].text, /amoxicillin/i);
    assert.match(steps.checklist[0].text, /thermometer/i);
    const due = await ps.waitFor('dose:due', undefined, 10_000);
    assert.equal(due.dose.planItemId, steps.plan[0].id);
    assert.match(due.dose.text, /amoxicillin/i);
    const checked = await patient.api.post(`/api/reminders/${due.dose.id}/checkin`);
    assert.equal(checked.status, 200, JSON.stringify(checked.body));
    assert.equal(checked.body.planItem.completedCheckins, 1);
    const seen = await ds.waitFor('dose:taken');
    assert.equal(seen.dose.id, due.dose.id);
  } finally {
    ds.close();
    ps.close();
  }
});
