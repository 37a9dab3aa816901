// Warming the key caches ahead of a burst (issue 14). Every patient of a zone whose dose is
// "09:00" falls due in the same minute, and the first time a worker opens a patient's dose text it
// unwraps two keys: the patient's private key and the note's data key (X25519), about a third of
// a delivery's CPU (docs/BENCHMARKS.md). Those of the doses due in the next minute are unwrapped
// here, in the quiet before, into the same least-recently-used caches the delivery reads
// (sealed/keyCache.ts). Only keys: no text is opened ahead of time, and the caches hold nothing
// they would not hold a few seconds later.
import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { AppContext } from '../context.js';
import { notes, planItems, reminders, users } from '../db/schema.js';
import { warmPatientKeys } from '../sealed/cipher.js';
import { KEY_CACHE_ENTRIES } from '../sealed/keyCache.js';

/** How far ahead a pass looks: the worker's pump runs every 5 s, so a key is ready ~55 s early. */
export const WARM_AHEAD_MS = 60_000;
/** Keys per pass at most: half the cache, so a pass never evicts what the last one warmed. */
const WARM_MAX = KEY_CACHE_ENTRIES / 2;
/** Unwraps between two turns of the event loop: a sweep already running is not held up. */
const CHUNK = 200;

/**
 * A warmer for one worker process. Each pass reads only the doses whose next step falls after the
 * last pass's horizon and within the next minute (each key once), and returns how many it warmed.
 * Doses due already are the sweeps' business; a key that does not open is left to the delivery,
 * which reports it.
 */
export function keyWarmer(ctx: Pick<AppContext, 'db' | 'keyring'>) {
  let warmedUntil = 0;
  return async function warmDueKeys(now = new Date()): Promise<number> {
    const from = new Date(Math.max(warmedUntil, now.getTime()));
    const to = new Date(now.getTime() + WARM_AHEAD_MS);
    if (to <= from) return 0;
    const rows = await ctx.db
      .selectDistinct({
        noteId: planItems.noteId,
        patientId: planItems.patientId,
        wrappedKeys: notes.wrappedKeys,
        patientKey: users.wrappedPrivateKey,
      })
      .from(reminders)
      .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
      .innerJoin(notes, eq(notes.id, planItems.noteId))
      .innerJoin(users, eq(users.id, planItems.patientId))
      .where(
        and(
          inArray(reminders.status, ['scheduled', 'due']),
          gt(reminders.nextAttemptAt, from),
          lte(reminders.nextAttemptAt, to),
          eq(planItems.status, 'active'),
        ),
      )
      .limit(WARM_MAX);
    warmedUntil = to.getTime();
    let warmed = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      for (const row of rows.slice(i, i + CHUNK)) if (warmPatientKeys(ctx.keyring, row)) warmed++;
      await yieldLoop();
    }
    return warmed;
  };
}
