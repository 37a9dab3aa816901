// DESIGN §6, the other half: edit one byte of stored crypto material and expect a clear error,
// never text. Sets up the same two notes as the dump tests, A with a plan and B (checklist only)
// cancelling it, in an app of its own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { notes, users } from '../../src/db/schema.js';
import type { TestApp } from '../helpers/app.js';
import { NOTE_A, NOTE_B, rowsOf } from '../helpers/atRest.js';
import { buildCareTeam, type CareTeam } from '../helpers/careTeam.js';
import type { TestUser } from '../helpers/factories.js';

let team: CareTeam;
let app: TestApp;
let doctor: TestUser, patient: TestUser;
let noteA: string, noteB: string;

before(async () => {
  team = await buildCareTeam();
  const { ds, ps } = team;
  ({ app, doctor, patient } = team);
  noteA = (await doctor.api.post(`/api/patients/${patient.id}/notes`, { content: NOTE_A })).body.note.id;
  await ds.waitFor('steps:ready', (p) => p.noteId === noteA);
  noteB = (await doctor.api.post(`/api/patients/${patient.id}/notes`, { content: NOTE_B })).body.note.id;
  await ds.waitFor('steps:ready', (p) => p.noteId === noteB);
  await ps.waitFor('plan:cancelled', (p) => p.noteId === noteA && p.byNoteId === noteB);
});
after(async () => {
  await team?.stop();
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
    // A's open task stays on the list beside B's (a new note does not remove tasks).
    assert.ok(res.body.checklist.some((i: { text: string }) => /vortiplex/.test(i.text)));
  });
});
