// DESIGN §6 as a thief would test it: dump every table and every Redis key after notes were
// processed (steps stored, a reminder delivered and pushed, one extraction in flight) and look
// for the text. Then edit one byte of stored crypto material and expect a clear error, never text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { notes, users } from '../../src/db/schema.js';
import { RulesExtractor } from '../../src/extraction/index.js';
import type { TestApp } from '../helpers/app.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import type { TestUser } from '../helpers/factories.js';
import { freshStore, type FreshStore } from '../helpers/freshDatabase.js';
import { GatedExtractor } from '../helpers/extractors.js';
import { startPushService, type PushService } from '../helpers/pushService.js';
import type { TestSocket } from '../helpers/sockets.js';

const NOTE_A = 'Take zyloprimaxol 100mg twice daily for 1 day. Buy a thermoquartz humidifier.';
// Checklist only: its steps cancel A's plan without starting another reminder chain.
const NOTE_B = 'Collect the vortiplex spacer from the pharmacy. Pick up the quendravex ointment.';
// Words that occur nowhere else: any hit is a leak, not a coincidence.
const fragments = new Set([
  'zyloprimaxol',
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
  team = await buildCareTeam({ ...store.env, SCHEDULE_DAY_MS: '2400' }, { extractor, pushAgent: push.agent });
  ({ app, doctor, patient, ds, ps } = team);
});
after(async () => {
  await team?.stop();
  await push?.close();
  await store?.drop();
});

const rowsOf = (res: unknown) => (res as { rows: Array<Record<string, unknown>> }).rows;

async function dumpDatabase(): Promise<{ text: string; tables: string[] }> {
  const tables = rowsOf(
    await app.ctx.db.execute(sql`select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`),
  );
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const id = `"${String(s).replace(/"/g, '""')}"."${String(t).replace(/"/g, '""')}"`;
    for (const row of rowsOf(await app.ctx.db.execute(sql.raw(`select r::text as line from ${id} r`))))
      parts.push(`${id} ${row.line}`);
  }
  return { text: parts.join('\n'), tables: tables.map((r) => String(r.t)) };
}

async function dumpRedis(): Promise<{ text: string; keys: string[] }> {
  const redis = app.ctx.redis;
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${process.env.TEST_REDIS_PREFIX}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    const value =
      type === 'string'
        ? await redis.get(key)
        : type === 'hash'
          ? JSON.stringify(await redis.hgetall(key))
          : type === 'list'
            ? JSON.stringify(await redis.lrange(key, 0, -1))
            : type === 'set'
              ? JSON.stringify(await redis.smembers(key))
              : type === 'zset'
                ? JSON.stringify(await redis.zrange(key, '0', '-1', 'WITHSCORES'))
                : `(${type})`;
    parts.push(`${key} ${value}`);
  }
  return { text: parts.join('\n'), keys };
}

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
      ['Take zyloprimaxol 100mg'],
    );
    const due = await ps.waitFor('reminder:due', (p) => p.reminder.planItemId === ready.plan[0].id, 15_000);
    assert.match(due.reminder.text, /zyloprimaxol/);
    const pushed = await push.waitFor(sub.id, (m) => m.payload?.reminder?.id === due.reminder.id, 10_000);
    assert.match(pushed.payload.reminder.text, /zyloprimaxol/);
    assert.equal((await patient.api.post(`/api/reminders/${due.reminder.id}/checkin`)).status, 200);

    extractor.hold();
    const entered = extractor.nextCall();
    noteB = (await doctor.api.post(`/api/patients/${patient.id}/notes`, { content: NOTE_B })).body.note.id;
    await entered;
    try {
      const [b] = await app.ctx.db.select().from(notes).where(eq(notes.id, noteB));
      assert.equal(b!.status, 'processing');
      const db = await dumpDatabase();
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
      const redis = await dumpRedis();
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
    assertNoPlaintext('database', (await dumpDatabase()).text);
    assertNoPlaintext('redis', (await dumpRedis()).text);
  });
});

describe('one edited byte gives a clear error, never garbage', () => {
  const flip = (b64: string, encoding: BufferEncoding = 'base64') => {
    const buf = Buffer.from(b64, encoding);
    buf[buf.length >> 1] ^= 0x01;
    return buf.toString(encoding);
  };
  const flipSegment = (wrapped: string, index: number) => {
    const parts = wrapped.split('.');
    parts[index] = flip(parts[index]!, 'base64url');
    return parts.join('.');
  };
  const INTEGRITY = { error: { code: 'DATA_INTEGRITY', message: 'stored data failed its integrity check' } };

  async function expectIntegrityError(reader: TestUser, path: string) {
    const res = await reader.api.get(path);
    assert.equal(res.status, 500, JSON.stringify(res.body).slice(0, 200));
    assert.deepEqual(res.body, INTEGRITY);
  }

  /** Applies an edit to note A's row, checks the readers, and puts the row back. */
  async function withEditedNote(
    edit: (n: typeof notes.$inferSelect) => Partial<typeof notes.$inferInsert>,
    check: () => Promise<void>,
  ) {
    const [original] = await app.ctx.db.select().from(notes).where(eq(notes.id, noteA));
    await app.ctx.db.update(notes).set(edit(original!)).where(eq(notes.id, noteA));
    try {
      await check();
    } finally {
      await app.ctx.db
        .update(notes)
        .set({
          ciphertext: original!.ciphertext,
          iv: original!.iv,
          tag: original!.tag,
          wrappedKeys: original!.wrappedKeys,
        })
        .where(eq(notes.id, noteA));
    }
    const res = await patient.api.get(`/api/patients/${patient.id}/notes`);
    assert.equal(res.status, 200, 'restored row reads again');
    assert.equal(res.body.notes.find((n: any) => n.id === noteA).content, NOTE_A);
  }

  const notesPath = () => `/api/patients/${patient.id}/notes`;

  for (const field of ['ciphertext', 'tag', 'iv'] as const) {
    test(`note ${field}`, async () => {
      await withEditedNote(
        (n) => ({ [field]: flip(n[field]) }),
        async () => {
          await expectIntegrityError(patient, notesPath());
          await expectIntegrityError(doctor, notesPath());
        },
      );
    });
  }

  test("the patient's wrap of the note key: the patient gets the error, the doctor's own wrap still opens", async () => {
    await withEditedNote(
      (n) => ({ wrappedKeys: { ...n.wrappedKeys, [patient.id]: flipSegment(n.wrappedKeys[patient.id]!, 4) } }),
      async () => {
        await expectIntegrityError(patient, notesPath());
        const res = await doctor.api.get(notesPath());
        assert.equal(res.status, 200);
        assert.equal(res.body.notes.find((n: any) => n.id === noteA).content, NOTE_A);
      },
    );
  });

  test("the patient's wrapped private key", async () => {
    const [u] = await app.ctx.db.select().from(users).where(eq(users.id, patient.id));
    await app.ctx.db
      .update(users)
      .set({ wrappedPrivateKey: flipSegment(u!.wrappedPrivateKey, 3) })
      .where(eq(users.id, patient.id));
    try {
      await expectIntegrityError(patient, notesPath());
      await expectIntegrityError(patient, `/api/patients/${patient.id}/steps`);
    } finally {
      await app.ctx.db.update(users).set({ wrappedPrivateKey: u!.wrappedPrivateKey }).where(eq(users.id, patient.id));
    }
    assert.equal((await patient.api.get(notesPath())).status, 200);
  });

  test('a step ciphertext', async () => {
    const table = rowsOf(
      await app.ctx.db.execute(sql`select id, ciphertext from checklist_items where note_id = ${noteB}`),
    );
    const { id, ciphertext } = table[0] as { id: string; ciphertext: string };
    await app.ctx.db.execute(sql`update checklist_items set ciphertext = ${flip(ciphertext)} where id = ${id}`);
    try {
      await expectIntegrityError(doctor, `/api/patients/${patient.id}/steps`);
    } finally {
      await app.ctx.db.execute(sql`update checklist_items set ciphertext = ${ciphertext} where id = ${id}`);
    }
    const res = await doctor.api.get(`/api/patients/${patient.id}/steps`);
    assert.equal(res.status, 200);
    assert.match(res.body.checklist[0].text, /vortiplex/);
  });
});
