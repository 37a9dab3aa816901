// GET/PUT /api/me/settings (DESIGN §4): a patient's zone, waking day and quiet hours; defaults
// until set; bad zones, times and fields refused whole; doctors have none.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp, uniqueEmail } from '../helpers/app.js';
import { request } from '../helpers/http.js';
import { createDoctor, createPatient } from '../helpers/factories.js';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(async () => app?.stop());

const good = { timezone: 'Asia/Kolkata', wakeTime: '06:30', sleepTime: '23:00', quietHours: false };

test('defaults until set; a PUT is read back; a half-hour zone is fine', async () => {
  const patient = await createPatient(app.url);
  const first = await patient.api.get('/api/me/settings');
  assert.deepEqual(
    [first.status, first.body],
    [200, { timezone: 'UTC', wakeTime: '07:00', sleepTime: '22:30', quietHours: true }],
  );
  const put = await patient.api.put('/api/me/settings', good);
  assert.deepEqual([put.status, put.body], [200, good]);
  const again = await patient.api.put('/api/me/settings', { ...good, timezone: 'America/New_York' });
  assert.equal(again.body.timezone, 'America/New_York');
  assert.deepEqual((await patient.api.get('/api/me/settings')).body, { ...good, timezone: 'America/New_York' });
});

test('signup takes the browser’s zone for a patient; a bad zone refuses the signup whole', async () => {
  const res = await request(app.url, 'POST', '/api/auth/signup', {
    body: {
      name: 'Asha',
      email: uniqueEmail('patient'),
      password: 'correct-horse-1',
      role: 'patient',
      timezone: 'Asia/Kolkata',
    },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const mine = await request(app.url, 'GET', '/api/me/settings', { token: res.body.session.idToken });
  assert.equal(mine.body.timezone, 'Asia/Kolkata');
  const email = uniqueEmail('patient');
  const bad = await request(app.url, 'POST', '/api/auth/signup', {
    body: { name: 'Bo', email, password: 'correct-horse-1', role: 'patient', timezone: 'Nowhere/Land' },
  });
  assert.equal(bad.status, 400);
  const login = await request(app.url, 'POST', '/api/auth/login', { body: { email, password: 'correct-horse-1' } });
  assert.equal(login.status, 401, 'no account was made');
});

test('bad input is 400 and changes nothing; a doctor has no settings (403)', async () => {
  const patient = await createPatient(app.url);
  await patient.api.put('/api/me/settings', good);
  const bad: unknown[] = [
    { ...good, timezone: 'Mars/Olympus' },
    { ...good, timezone: 'GMT+25' },
    { ...good, timezone: '' },
    { ...good, wakeTime: '7am' },
    { ...good, sleepTime: '24:00' },
    { ...good, sleepTime: good.wakeTime },
    { ...good, quietHours: 'yes' },
    { ...good, theme: 'dark' },
    { timezone: 'UTC' },
  ];
  for (const body of bad) {
    const res = await patient.api.put('/api/me/settings', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
  }
  assert.deepEqual((await patient.api.get('/api/me/settings')).body, good);
  const doctor = await createDoctor(app.url);
  assert.equal((await doctor.api.get('/api/me/settings')).status, 403);
  assert.equal((await doctor.api.put('/api/me/settings', good)).status, 403);
});
