// The extraction pipeline through the app, failures: they end in `failed` + `steps:failed` with
// nothing invented.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { notes } from '../../src/db/schema.js';
import { ExtractionError, type Extraction } from '../../src/extraction/index.js';
import { startTestApp } from '../helpers/app.js';
import { GatedExtractor } from '../helpers/extractors.js';
import { byNote, party, prefix, stepRows, stopParties, type Party } from '../helpers/pipelineParty.js';

after(stopParties);

describe('failures (scripted extractor)', () => {
  let behaviour: 'throw' | 'invalid' = 'throw';
  const scripted = new GatedExtractor({
    name: 'noop',
    model: 'scripted-v0',
    extract: async (): Promise<Extraction> => {
      if (behaviour === 'throw')
        throw new ExtractionError('upstream unavailable (test)', true, { kind: 'unavailable' });
      // frequency 0 is outside the schema: the pipeline must not repair or keep it.
      const timing = {
        frequency: 0,
        period: 1,
        periodUnit: 'd',
        dayOfWeek: [],
        timeOfDay: [],
        when: [],
        durationDays: 3,
        startDay: 0,
      };
      return {
        checklist: [{ text: 'Buy a thermoquartz humidifier', dueInDays: null, source: '' }],
        plan: [{ text: 'Take nitrofurantoin', asNeeded: false, timing, source: '' }],
        unclear: [],
      } as Extraction;
    },
  });
  let p: Party;
  before(async () => {
    const app = await startTestApp(
      { REDIS_PREFIX: prefix('pipe-fail'), EXTRACTION_ATTEMPTS: '3', EXTRACTION_BACKOFF_MS: '10' },
      { extractor: scripted },
    );
    p = await party(app);
  });

  for (const [mode, reason] of [
    ['throw', 'model unavailable after 3 attempts'],
    ['invalid', 'model returned invalid output after 3 attempts'],
  ] as const) {
    test(`${mode}: failed after EXTRACTION_ATTEMPTS tries, steps:failed to the doctor only, no steps`, async () => {
      behaviour = mode;
      const calls = scripted.calls;
      const res = await p.doctor.api.post(`/api/patients/${p.patient.id}/notes`, {
        content: 'Take nitrofurantoin 100mg twice daily for 3 days.',
      });
      const noteId = res.body.note.id;
      const failed = await p.ds.waitFor('steps:failed', byNote(noteId));
      assert.deepEqual(
        { noteId: failed.noteId, patientId: failed.patientId, reason: failed.reason },
        { noteId, patientId: p.patient.id, reason },
      );
      assert.equal(scripted.calls - calls, 3);
      const [row] = await p.app.ctx.db.select().from(notes).where(eq(notes.id, noteId));
      assert.deepEqual(
        [row!.status, row!.failureReason, row!.extractor, row!.model],
        ['failed', reason, 'noop', 'scripted-v0'],
      );
      assert.deepEqual(await stepRows(p.app, noteId), [], 'nothing invented');
      const listed = await p.doctor.api.get(`/api/patients/${p.patient.id}/notes`);
      assert.deepEqual(
        listed.body.notes.filter((n: any) => n.id === noteId).map((n: any) => [n.status, n.failureReason]),
        [['failed', reason]],
      );
      // The patient's whole outbox: the note arrived, its failure did not.
      const synced = await p.ps.request('sync', { afterSeq: 0 });
      assert.ok(synced.events.some((e: any) => e.type === 'note:new' && e.payload.note.id === noteId));
      assert.ok(!synced.events.some((e: any) => e.type === 'steps:failed'));
      assert.ok(!synced.events.some((e: any) => e.type === 'steps:ready' && e.payload.noteId === noteId));
    });
  }
});
