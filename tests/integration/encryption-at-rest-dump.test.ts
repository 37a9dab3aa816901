// DESIGN §6 as a thief would test it: dump every table and every Redis key after notes were
// processed (steps stored, a reminder delivered and pushed, one extraction in flight) and look
// for the text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { notes } from '../../src/db/schema.js';
import { RulesExtractor } from '../../src/extraction/index.js';
import type { TestApp } from '../helpers/app.js';
import { NOTE_A, NOTE_B, dumpDatabase, dumpRedis } from '../helpers/atRest.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import type { TestUser } from '../helpers/factories.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { GatedExtractor } from '../helpers/extractors.js';
import { startPushService, type PushService } from '../helpers/pushService.js';
import type { TestSocket } from '../helpers/sockets.js';

// Words that occur nowhere else: any hit is a leak, not a coincidence.
const fragments = new Set([
  'nitrofurantoin',
  'thermoquartz',
  'quendravex',
  'vortiplex',
  'humidifier',
  'ointment',
  NOTE_A,
  NOTE_B,
]);

let store: FreshStore;
let team: CareTeam;
let app: TestApp;
let push: PushService;
const extractor = new GatedExtractor(new RulesExtractor());
let doctor: TestUser, patient: TestUser;
let ds: TestSocket, ps: TestSocket;
let noteA: string, noteB: string;

before(async () => {
  store = await freshStore('rest');
  push = await startPushService();
  // The local push service runs on 127.0.0.1: allowed for this app only, as in web-push.test.ts.
  const pushEnv = { PUSH_ENDPOINT_HOSTS: '127.0.0.1', PUSH_ALLOW_PRIVATE: '1' };
  team = await buildCareTeam(
    { ...store.env, ...pushEnv, SCHEDULE_DAY_MS: '2400' },
    { extractor, pushAgent: push.agent },
  );
  ({ app, doctor, patient, ds, ps } = team);
});
after(async () => {
  await team?.stop();
  await push?.close();
  await store?.drop();
});

function assertNoPlaintext(where: string, dump: string) {
  const haystack = dump.toLowerCase();
  for (const f of fragments) assert.ok(!haystack.includes(f.toLowerCase()), `${where} contains "${f.slice(0, 40)}"`);
}

describe('a stolen database or Redis holds no note or step text', () => {
  test('note A processed (steps, reminder delivered and pushed), note B in flight', async () => {
    const sub = push.createSubscriber();
    assert.equal((await patient.api.post('/api/push/subscriptions', sub.subscription)).status, 201);
    noteA = (await doctor.api.post(`/api/patients/${patient.id}/notes`, { content: NOTE_A })).body.note.id;
    const ready = await ps.waitFor('steps:ready', (p) => p.noteId === noteA);
    for (const item of [...ready.checklist, ...ready.plan]) fragments.add(item.text);
    assert.deepEqual(
      ready.plan.map((p: any) => p.text),
      ['Take nitrofurantoin 100mg'],
    );
    const due = await ps.waitFor('dose:due', (p) => p.dose.planItemId === ready.plan[0].id, 15_000);
    assert.match(due.dose.text, /nitrofurantoin/);
    const pushed = await push.waitFor(sub.id, (m) => m.payload?.doses?.some((d: any) => d.id === due.dose.id), 10_000);
    assert.match(pushed.payload.doses[0].text, /nitrofurantoin/);
    assert.equal((await patient.api.post(`/api/reminders/${due.dose.id}/checkin`)).status, 200);

    extractor.hold();
    const entered = extractor.nextCall();
    noteB = (await doctor.api.post(`/api/patients/${patient.id}/notes`, { content: NOTE_B })).body.note.id;
    await entered;
    try {
      const [b] = await app.ctx.db.select().from(notes).where(eq(notes.id, noteB));
      assert.equal(b!.status, 'processing');
      const db = await dumpDatabase(app);
      for (const t of [
        'users',
        'notes',
        'checklist_items',
        'plan_items',
        'reminders',
        'events',
        'audit_log',
        'push_subscriptions',
      ]) {
        assert.ok(db.tables.includes(t), `dump lacks ${t}`);
      }
      assert.ok(db.text.includes(noteA) && db.text.includes(noteB), 'the dump holds both notes');
      assertNoPlaintext('database', db.text);
      const redis = await dumpRedis(app);
      // The in-flight job is part of the dump: what a thief of Redis would see.
      const jobs = redis.keys.find((k) => k === `${app.config.redisPrefix}:bq:extraction:jobs`);
      assert.ok(jobs, `no extraction jobs hash among ${redis.keys.length} keys`);
      assert.deepEqual(JSON.parse((await app.ctx.redis.hget(jobs, `note:${noteB}`))!).data, { noteId: noteB });
      assert.ok(
        redis.keys.some((k) => k.includes(':bq:reminders:')),
        'reminder jobs are in the dump',
      );
      assertNoPlaintext('redis', redis.text);
    } finally {
      extractor.release();
    }
  });

  test('after B is ready and A is cancelled, still nothing', async () => {
    const ready = await ds.waitFor('steps:ready', (p) => p.noteId === noteB);
    for (const item of [...ready.checklist, ...ready.plan]) fragments.add(item.text);
    assert.deepEqual(
      ready.checklist.map((i: any) => i.text),
      ['Collect the vortiplex spacer from the pharmacy', 'Pick up the quendravex ointment'],
    );
    await ps.waitFor('plan:cancelled', (p) => p.noteId === noteA && p.byNoteId === noteB);
    assertNoPlaintext('database', (await dumpDatabase(app)).text);
    assertNoPlaintext('redis', (await dumpRedis(app)).text);
  });
});
