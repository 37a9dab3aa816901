// Reading notes: who may read, what a ready note and its steps look like, and how a note moves
// from pending to ready.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../helpers/app.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import { createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { connectSocket } from '../helpers/sockets.js';

let team: CareTeam;
let app: TestApp;
// `doctor` is the team's doctor: not the reader's, so one more outsider.
let doctor: TestUser, otherDoctor: TestUser, otherPatient: TestUser;

before(async () => {
  team = await buildCareTeam();
  ({ app, doctor } = team);
  otherDoctor = await createDoctor(app.url);
  otherPatient = await createPatient(app.url, { doctor: otherDoctor });
});
after(async () => {
  await team?.stop();
});

const byId = (id: string) => (p: any) => p.note?.id === id || p.noteId === id;

describe('reading', () => {
  const content =
    'Take metronidazole 5mg three times daily for 1 day. Collect the vortiplex inhaler from the pharmacy.';
  let noteId: string;
  let reader: TestUser, readerDoctor: TestUser;

  before(async () => {
    readerDoctor = await createDoctor(app.url);
    reader = await createPatient(app.url, { doctor: readerDoctor });
    const s = await connectSocket(app.url, readerDoctor.token);
    try {
      const res = await readerDoctor.api.post(`/api/patients/${reader.id}/notes`, { content });
      assert.equal(res.status, 202);
      noteId = res.body.note.id;
      await s.waitFor('steps:ready', byId(noteId));
    } finally {
      s.close();
    }
  });

  test('the patient and their doctor read the text; the note says ready and what extracted it', async () => {
    for (const u of [reader, readerDoctor]) {
      const res = await u.api.get(`/api/patients/${reader.id}/notes`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.notes.length, 1);
      const [n] = res.body.notes;
      assert.deepEqual(
        {
          id: n.id,
          content: n.content,
          status: n.status,
          doctorId: n.doctorId,
          extractor: n.extractor,
          model: n.model,
        },
        { id: noteId, content, status: 'ready', doctorId: readerDoctor.id, extractor: 'rules', model: 'rules-v2' },
      );
    }
  });

  test('another doctor and another patient get 403; an unknown patient 404', async () => {
    for (const u of [otherDoctor, otherPatient, doctor]) {
      const res = await u.api.get(`/api/patients/${reader.id}/notes`);
      assert.equal(res.status, 403, u.email);
      assert.equal(res.body.error.code, 'FORBIDDEN');
      assert.ok(!JSON.stringify(res.body).includes('metronidazole'));
      assert.equal((await u.api.get(`/api/patients/${reader.id}/steps`)).status, 403);
    }
    assert.equal((await readerDoctor.api.get(`/api/patients/${randomUUID()}/notes`)).status, 404);
  });

  test('the steps endpoint returns the checklist and plan with their text', async () => {
    for (const u of [reader, readerDoctor]) {
      const res = await u.api.get(`/api/patients/${reader.id}/steps`);
      assert.equal(res.status, 200);
      assert.equal(res.body.noteId, noteId);
      assert.equal(res.body.status, 'ready');
      assert.deepEqual(
        res.body.checklist.map((i: any) => [i.text, i.done]),
        [['Collect the vortiplex inhaler from the pharmacy', false]],
      );
      assert.equal(res.body.plan.length, 1);
      const [p] = res.body.plan;
      assert.deepEqual(
        {
          text: p.text,
          f: p.timing.frequency,
          d: p.timing.durationDays,
          req: p.requiredCheckins,
          done: p.completedCheckins,
          missed: p.missedCount,
          status: p.status,
        },
        { text: 'Take metronidazole 5mg', f: 3, d: 1, req: 3, done: 0, missed: 0, status: 'active' },
      );
    }
  });

  test('statuses go pending → ready, listed newest first', async () => {
    let noteId2 = '';
    const s = await connectSocket(app.url, reader.token);
    try {
      const res = await readerDoctor.api.post(`/api/patients/${reader.id}/notes`, { content: 'Rest and drink water.' });
      assert.equal(res.body.note.status, 'pending');
      noteId2 = res.body.note.id;
      // No steps in this note: it still becomes ready, with empty lists (nothing invented).
      const ready = await s.waitFor('steps:ready', byId(noteId2));
      assert.deepEqual([ready.checklist, ready.plan], [[], []]);
    } finally {
      s.close();
    }
    const list = await reader.api.get(`/api/patients/${reader.id}/notes`);
    assert.deepEqual(
      list.body.notes.map((n: any) => [n.id, n.status]),
      [
        [noteId2, 'ready'],
        [noteId, 'ready'],
      ],
    );
  });
});
