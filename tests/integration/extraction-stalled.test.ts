// The extraction pipeline through the app, with the rules extractor: statuses while it works,
// stalled jobs picked up again, and two runs of one note storing its steps once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { events, users } from '../../src/db/schema.js';
import { RulesExtractor } from '../../src/extraction/index.js';
import { extractNote } from '../../src/workers/extractNote.js';
import { submitNote } from '../../src/notes/submitNote.js';
import { startTestApp } from '../helpers/app.js';
import { GatedExtractor } from '../helpers/extractors.js';
import { byNote, extractionJobs, party, prefix, stepRows, stopParties, type Party } from '../helpers/pipelineParty.js';
import { eventually } from '../helpers/poll.js';

after(stopParties);

describe('statuses and stalled jobs (rules extractor)', () => {
  const gated = new GatedExtractor(new RulesExtractor());
  let p: Party;
  before(async () => {
    p = await party(await startTestApp({ REDIS_PREFIX: prefix('pipe-rules') }, { extractor: gated }));
  });

  test('pending → processing (while the extractor works) → ready', async () => {
    gated.hold();
    const entered = gated.nextCall();
    const res = await p.doctor.api.post(`/api/patients/${p.patient.id}/notes`, {
      content: 'Apply clotrimazole cream once daily for 5 days.',
    });
    assert.equal(res.body.note.status, 'pending');
    await entered;
    const during = await p.patient.api.get(`/api/patients/${p.patient.id}/notes`);
    assert.equal(during.body.notes[0].status, 'processing');
    gated.release();
    const ready = await p.ps.waitFor('steps:ready', byNote(res.body.note.id));
    assert.deepEqual([ready.extractor, ready.model], ['rules', 'rules-v2']);
    const after = await p.patient.api.get(`/api/patients/${p.patient.id}/notes`);
    assert.equal(after.body.notes[0].status, 'ready');
  });

  test('a job left active by a dead worker is picked up again (periodic stalled-job check)', async () => {
    // A pending note whose job a crashed worker had taken: in `active` and already in the
    // `stalling` set (the previous check saw it, no live worker cleared it since).
    const [author] = await p.app.ctx.db.select().from(users).where(eq(users.id, p.doctor.id));
    const noEnqueue = { ...p.app.ctx, jobs: { ...p.app.ctx.jobs, enqueueExtraction: async () => {} } };
    const { note } = await submitNote(noEnqueue, author!, p.patient.id, 'Buy a vortiplex spacer.');
    const q = extractionJobs(p.app);
    const job = JSON.stringify({
      data: { noteId: note.id },
      options: { timestamp: Date.now(), stacktraces: [], timeout: 60_000 },
      status: 'created',
      progress: 0,
    });
    await p.app.ctx.redis
      .multi()
      .hset(`${q}:jobs`, `note:${note.id}`, job)
      .lpush(`${q}:active`, `note:${note.id}`)
      .sadd(`${q}:stalling`, `note:${note.id}`)
      .exec();
    const ready = await p.ds.waitFor('steps:ready', byNote(note.id), 35_000);
    assert.equal(ready.checklist[0].text, 'Buy a vortiplex spacer');
  });
  test('two runs of one note at once (a stalled job taken again while the first still works) store its steps once', async () => {
    const [author] = await p.app.ctx.db.select().from(users).where(eq(users.id, p.doctor.id));
    const noEnqueue = { ...p.app.ctx, jobs: { ...p.app.ctx.jobs, enqueueExtraction: async () => {} } };
    const { note } = await submitNote(
      noEnqueue,
      author!,
      p.patient.id,
      'Take metronidazole 10mg once daily for 4 days. Buy a nebulight mask.',
    );
    gated.hold();
    const before = gated.calls;
    const runs = Promise.all([0, 1].map(() => extractNote(p.app.ctx, gated, { noteId: note.id })));
    // Both runs have claimed the note and are inside the extractor before either stores.
    await eventually('both runs in the extractor', async () => gated.calls - before === 2);
    gated.release();
    assert.deepEqual(await runs, ['ready', 'ready']);
    const rows = await stepRows(p.app, note.id);
    assert.deepEqual(
      rows.map((r) => r.position).sort(),
      [0, 0],
      'one checklist item and one plan item, not two of each',
    );
    const announced = await p.app.ctx.db
      .select()
      .from(events)
      .where(and(eq(events.userId, p.doctor.id), eq(events.type, 'steps:ready')));
    assert.equal(
      announced.filter((e) => (e.payload as { noteId?: string }).noteId === note.id).length,
      1,
      'one steps:ready',
    );
  });
});
