// A read receipt racing a writer. A receipt once locked the patient's outbox cursor first and the
// doctor's later, while every other writer locks cursors in user-id order, last: a writer holding
// the doctor's cursor and waiting for the patient's closed a cycle, PostgreSQL aborted one of the
// two, and the doctor's note failed with a 500. Here the writer is played by a raw transaction.
// PostgreSQL only: PGlite has one connection, so its transactions never overlap.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { logSink } from '../helpers/logs.js';
import pg from 'pg';
import { pino } from 'pino';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createDoctor, createPatient, type TestUser } from '../helpers/factories.js';
import { sleep } from '../helpers/poll.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';

const { lines: warnings, stream } = logSink();
const logger = pino({ level: 'warn' }, stream);

let app: TestApp;
let doctor: TestUser, patient: TestUser;
let ps: TestSocket, ds: TestSocket;
before(async () => {
  app = await startTestApp({}, { logger });
  doctor = await createDoctor(app.url);
  // A writer locks cursors in user-id order: the cycle needs the doctor's to come first.
  do patient = await createPatient(app.url);
  while (patient.id < doctor.id);
  assert.equal((await patient.api.put('/api/me/doctor', { doctorId: doctor.id })).status, 200);
  ps = await connectSocket(app.url, patient.token);
  ds = await connectSocket(app.url, doctor.token);
});
after(async () => {
  ps?.close();
  ds?.close();
  await app?.stop();
});

if (process.env.TEST_PG_URL) {
  test('a receipt waits its turn behind a writer holding the cursors: no deadlock, nothing aborted', async () => {
    const res = await doctor.api.post(`/api/patients/${patient.id}/notes`, { content: 'Buy a thermometer.' });
    assert.equal(res.status, 202);
    const shown = await ps.waitFor('note:new', (p) => p.note.id === res.body.note.id);
    const writer = new pg.Client({ connectionString: app.config.databaseUrl });
    await writer.connect();
    const lock = (id: string) => writer.query('select 1 from event_cursors where user_id = $1 for update', [id]);
    let writerError: unknown = null;
    try {
      await writer.query('begin');
      await lock(doctor.id);
      // The receipt marks the note seen and will tell the doctor: it needs the doctor's cursor too.
      const ack = ps.request('ack', { uptoSeq: shown.seq });
      await sleep(300);
      try {
        await lock(patient.id);
        await writer.query('commit');
      } catch (err) {
        writerError = err;
        await writer.query('rollback');
      }
      assert.equal((await ack).ok, true);
    } finally {
      await writer.end();
    }
    assert.equal(writerError, null, 'the writer was not aborted');
    assert.deepEqual(
      warnings.filter((w) => /aborted by the database/.test(w)),
      [],
      'the receipt was not aborted and retried',
    );
    await ds.waitFor('note:seen', (p) => p.noteId === res.body.note.id);
  });
}
