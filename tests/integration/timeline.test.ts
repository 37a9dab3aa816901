// The timeline endpoint at its edges: who may read it, its paging, bad queries, and its audit.
import { after, before, test } from 'node:test';
import type { Reply } from '../helpers/http.js';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../src/db/schema.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { createDoctor, createPatient } from '../helpers/factories.js';

let team: CareTeam;
const path = () => `/api/patients/${team.patient.id}/timeline`;

before(async () => {
  team = await buildCareTeam();
  for (const content of ['Buy a thermometer.', 'Buy a pill box.', 'Book a follow-up.']) {
    const res = await team.doctor.api.post(`/api/patients/${team.patient.id}/notes`, { content });
    assert.equal(res.status, 202);
    await team.ps.waitFor('steps:ready', (p) => p.noteId === res.body.note.id);
  }
});
after(() => team?.stop());

test('pages newest first without gaps or repeats, down to nextBefore null', async () => {
  const all = await team.patient.api.get(path());
  assert.equal(all.status, 200);
  const seqs = all.body.events.map((e: any) => e.payload.seq);
  assert.deepEqual(
    seqs,
    [...seqs].sort((a, b) => b - a),
    'newest first',
  );
  assert.equal(all.body.nextBefore, null);
  const paged: number[] = [];
  for (let before: number | null = null; ; ) {
    const res: Reply = await team.patient.api.get(`${path()}?limit=2${before === null ? '' : `&before=${before}`}`);
    assert.equal(res.status, 200);
    assert.ok(res.body.events.length <= 2);
    paged.push(...res.body.events.map((e: any) => e.payload.seq));
    if (res.body.nextBefore === null) break;
    before = res.body.nextBefore;
  }
  assert.deepEqual(paged, seqs);
  const notes = all.body.events.filter((e: any) => e.type === 'note:new').map((e: any) => e.payload.note.content);
  assert.deepEqual(notes, ['Book a follow-up.', 'Buy a pill box.', 'Buy a thermometer.']);
});

test('only the patient and their current doctor read it', async () => {
  const stranger = await createDoctor(team.app.url);
  const otherPatient = await createPatient(team.app.url, { doctor: team.doctor });
  assert.equal((await team.doctor.api.get(path())).status, 200);
  const refused = await stranger.api.get(path());
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error.code, 'FORBIDDEN');
  assert.equal((await otherPatient.api.get(path())).status, 403);
  assert.equal((await team.patient.api.get(`/api/patients/${team.doctor.id}/timeline`)).status, 404);
  assert.equal((await team.patient.api.get('/api/patients/not-a-uuid/timeline')).status, 400);
});

test('bad paging is a 400 with the error shape, never a 500', async () => {
  for (const q of ['limit=0', 'limit=201', 'limit=abc', 'before=0', 'before=2147483648', 'before=1.5', 'foo=1']) {
    const res = await team.patient.api.get(`${path()}?${q}`);
    assert.equal(res.status, 400, q);
    assert.equal(res.body.error.code, 'VALIDATION_FAILED', q);
  }
  const max = await team.patient.api.get(`${path()}?limit=200`);
  assert.equal(max.status, 200);
});

test('every read is audited', async () => {
  const subject = `patient:${team.patient.id}/timeline`;
  const count = async () =>
    (
      await team.app.ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subject, subject), eq(auditLog.action, 'timeline.read')))
    ).length;
  const before = await count();
  await team.doctor.api.get(path());
  await team.patient.api.get(path());
  assert.equal(await count(), before + 2);
});
