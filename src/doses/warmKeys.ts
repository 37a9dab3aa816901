// Warming the key caches ahead of a burst (issue 14). Every patient of a zone whose dose is
// "09:00" falls due in the same minute, and the first time a worker opens a patient's dose text it
// unwraps two keys: the patient's private key and the note's data key (X25519), about a quarter of
// a delivery's CPU (docs/BENCHMARKS.md). Those of the doses due in the next minute are unwrapped
// here, in the quiet before, into the same least-recently-used caches the delivery reads
// (sealed/keyCache.ts). Only keys: no text is opened ahead of time, and the caches hold nothing
// they would not hold a few seconds later.
import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { AppContext } from '../context.js';
import { notes, planItems, reminders, users } from '../db/schema.js';
import { warmPatientKeys } from '../sealed/cipher.js';
import { KEY_CACHE_ENTRIES, KeyCache } from '../sealed/keyCache.js';

/** How far ahead a pass looks: the worker's pump runs every 5 s, so a key is ready ~55 s early. */
export const WARM_AHEAD_MS = 60_000;
/** Keys per pass at most: half the cache, so a pass never evicts what the last one warmed. */
const WARM_MAX = KEY_CACHE_ENTRIES / 2;
/** Unwraps between two turns of the event loop: a sweep already running is not held up. */
const CHUNK = 200;
/**
 * How long a pair counts as warmed: the passes over one window skip it, and the next dose time
 * reads its wraps again. By then other patients' keys may have pushed its keys out of the caches,
 * or a rotation changed its wraps; asking again costs a read and, for keys still cached, a lookup.
 */
export const WARM_REMEMBER_MS = 2 * WARM_AHEAD_MS;

/**
 * A warmer for one worker process. Each pass lists the (note, patient) pairs of the doses whose
 * next step falls in the next minute, and unwraps the keys of those it has not warmed yet: a dose
 * moved into the window (planned, snoozed, re-timed) is caught by the next pass. Doses due already
 * are the sweeps' business; a key that does not open is left to the delivery, which reports it.
 * Returns how many pairs it read whose keys are now cached (unwrapped here or found there).
 */
export function keyWarmer(ctx: Pick<AppContext, 'db' | 'keyring'>) {
  const warmed = new KeyCache<number>(WARM_MAX);
  return async function warmDueKeys(now = new Date()): Promise<number> {
    const ahead = new Date(now.getTime() + WARM_AHEAD_MS);
    // Two uuids a dose at first: the wraps are read only for the pairs not warmed yet.
    const pairs = await ctx.db
      .selectDistinct({ noteId: planItems.noteId, patientId: planItems.patientId })
      .from(reminders)
      .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
      .where(
        and(
          inArray(reminders.status, ['scheduled', 'due']),
          gt(reminders.nextAttemptAt, now),
          lte(reminders.nextAttemptAt, ahead),
          eq(planItems.status, 'active'),
        ),
      )
      .limit(WARM_MAX);
    const since = now.getTime() - WARM_REMEMBER_MS;
    const fresh = pairs.filter((p) => (warmed.get(`${p.noteId}:${p.patientId}`) ?? 0) <= since);
    let done = 0;
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const chunk = fresh.slice(i, i + CHUNK);
      const wraps = await wrapsOf(ctx, chunk);
      for (const p of chunk) {
        warmed.set(`${p.noteId}:${p.patientId}`, now.getTime());
        const w = wraps.get(`${p.noteId}:${p.patientId}`);
        if (w && warmPatientKeys(ctx.keyring, { ...p, ...w })) done++;
      }
      await yieldLoop();
    }
    return done;
  };
}

/** The note's wraps and the patient's wrapped private key, for each pair. */
async function wrapsOf(ctx: Pick<AppContext, 'db'>, pairs: Array<{ noteId: string; patientId: string }>) {
  const notesOf = await ctx.db
    .select({ noteId: notes.id, wrappedKeys: notes.wrappedKeys })
    .from(notes)
    .where(inArray(notes.id, [...new Set(pairs.map((p) => p.noteId))]));
  const keysOf = await ctx.db
    .select({ id: users.id, patientKey: users.wrappedPrivateKey })
    .from(users)
    .where(inArray(users.id, [...new Set(pairs.map((p) => p.patientId))]));
  const noteWraps = new Map(notesOf.map((n) => [n.noteId, n.wrappedKeys]));
  const userKeys = new Map(keysOf.map((u) => [u.id, u.patientKey]));
  const out = new Map<string, { wrappedKeys: Record<string, string>; patientKey: string }>();
  for (const p of pairs) {
    const wrappedKeys = noteWraps.get(p.noteId);
    const patientKey = userKeys.get(p.patientId);
    if (wrappedKeys && patientKey) out.set(`${p.noteId}:${p.patientId}`, { wrappedKeys, patientKey });
  }
  return out;
}
