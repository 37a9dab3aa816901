// `npm run bench:reminders`'s setup, not what it measures: the raw bee-queue baseline and the
// people (emulator accounts, profiles, sealed notes, plans and reminders) the burst goes to.
import { emulatorAccount } from './emulatorAccount.js';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Config } from '../../src/config.js';
import { generateUserKeyPair, parseKeyring } from '../../src/crypto/index.js';
import { openDatabase } from '../../src/db/client.js';
import { assignments, notes, reminders, planItems, users } from '../../src/db/schema.js';
import { closeQueues, createQueues, saveUnique } from '../../src/jobs/queues.js';
import { sealNote, sealStep } from '../../src/sealed/cipher.js';
import { sleep } from '../../tests/helpers/poll.js';
import { inBatches } from './bench.js';

/** The raw baseline's concurrency: what one job per dose needed to keep up. */
export const RAW_CONCURRENCY = 128;

/** The p-th percentile (nearest rank) of xs; NaN when empty. */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

/**
 * n no-op jobs on a reminders queue (same options), all due at one moment, at the concurrency a
 * job-per-dose design ran (128): the ceiling of one bee-queue job per delivery.
 */
export async function rawBaseline(config: Config, n: number, leadMs: number) {
  const worker = createQueues(config, true);
  const producer = createQueues(config, false);
  const done: number[] = [];
  worker.reminders.process(RAW_CONCURRENCY, async () => {
    done.push(Date.now());
    return 'noop';
  });
  await worker.reminders.ready();
  const dueAt = new Date(Date.now() + leadMs);
  await inBatches(
    Array.from({ length: n }, (_, i) => i),
    100,
    (i) =>
      saveUnique(
        producer.reminders,
        `raw:${i}`,
        // Raw bee-queue: the payload's shape is never read.
        { reminderId: `raw-${i}`, attempt: 1 } as never,
        { at: dueAt, timeoutMs: 30_000 },
      ),
  );
  while (done.length < n && Date.now() < dueAt.getTime() + 60_000) await sleep(20);
  await Promise.all([closeQueues(producer), closeQueues(worker)]);
  const late = done.map((t) => t - dueAt.getTime());
  return {
    perSec: done.length / Math.max(0.001, (Math.max(...done) - dueAt.getTime()) / 1000),
    p50: pct(late, 50),
    p99: pct(late, 99),
    processed: done.length,
  };
}

/** One doctor, n patients (emulator accounts + profiles), each with a ready note and a one-reminder plan. */
export async function createPeople(emulatorHost: string, dbUrl: string, masterKey: string, n: number, dayMs: number) {
  const ring = parseKeyring(masterKey, 1, undefined);
  const signUp = async (i: number) => ({
    ...(await emulatorAccount(emulatorHost, `p${i}`)),
    keys: generateUserKeyPair(ring),
    id: randomUUID(),
  });
  const accounts: Array<Awaited<ReturnType<typeof signUp>>> = [];
  await inBatches(
    Array.from({ length: n + 1 }, (_, i) => i),
    50,
    async (i) => {
      accounts[i] = await signUp(i);
    },
  );
  const [doctor, ...patients] = accounts as [(typeof accounts)[0], ...typeof accounts];
  const store = await openDatabase({ databaseUrl: dbUrl, dataDir: os.tmpdir() });
  const reminderIds: string[] = [];
  try {
    const rows = accounts.map((a, i) => ({
      id: a.id,
      firebaseUid: a.uid,
      role: i === 0 ? ('doctor' as const) : ('patient' as const),
      name: `bench ${i}`,
      email: a.email,
      publicKey: a.keys.publicKey,
      wrappedPrivateKey: a.keys.wrappedPrivateKey,
    }));
    // In chunks: one statement of 20 000 rows overflows drizzle's query builder's stack.
    for (let i = 0; i < rows.length; i += 1000) await store.db.insert(users).values(rows.slice(i, i + 1000));
    for (let i = 0; i < patients.length; i += 200) {
      const chunk = patients.slice(i, i + 200);
      await store.db.insert(assignments).values(chunk.map((p) => ({ patientId: p.id, doctorId: doctor.id })));
      const rows = chunk.map((p) => {
        const noteId = randomUUID(),
          itemId = randomUUID();
        const { sealed, wrappedKeys, dek } = sealNote(noteId, p.id, 'Take vitamin D once daily for 1 day.', [
          { id: doctor.id, publicKey: doctor.keys.publicKey },
          { id: p.id, publicKey: p.keys.publicKey },
        ]);
        return {
          noteId,
          itemId,
          patientId: p.id,
          sealed,
          wrappedKeys,
          step: sealStep(dek, noteId, p.id, 'plan', itemId, 'Take vitamin D'),
        };
      });
      await store.db.insert(notes).values(
        rows.map((r) => ({
          id: r.noteId,
          patientId: r.patientId,
          doctorId: doctor.id,
          ...r.sealed,
          wrappedKeys: r.wrappedKeys,
          status: 'ready' as const,
          extractor: 'bench',
        })),
      );
      // Far in the future until the burst is set up, so the app's reconciliation leaves them alone.
      const later = new Date(Date.now() + 3_600_000);
      await store.db.insert(planItems).values(
        rows.map((r) => ({
          id: r.itemId,
          noteId: r.noteId,
          patientId: r.patientId,
          position: 0,
          frequencyPerDay: 1,
          durationDays: 1,
          requiredCheckins: 1,
          intervalMs: dayMs,
          startsAt: later,
          ...r.step,
        })),
      );
      const occ = await store.db
        .insert(reminders)
        .values(rows.map((r) => ({ planItemId: r.itemId, patientId: r.patientId, seq: 1, dueAt: later })))
        .returning({ id: reminders.id, patientId: reminders.patientId });
      // In the patients' order, whatever order the rows come back in: reminderIds[i] is patients[i]'s.
      const byPatient = new Map(occ.map((o) => [o.patientId, o.id]));
      reminderIds.push(...chunk.map((p) => byPatient.get(p.id)!));
    }
  } finally {
    await store.close();
  }
  return { patients, reminderIds };
}
