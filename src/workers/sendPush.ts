// Processor for `push` jobs: a delivery batch's notifications, each the doses that fell due
// together for one subscription. Re-reads the rows in two statements for the whole batch; a dose
// no longer due at that step (taken, cancelled, re-delivered since) is left out, and a device
// with none left gets nothing. Each dose gets its Take and Snooze action tokens here, at the last
// moment: they exist only inside the encrypted payload, never in the job or a log.
import { eq, inArray } from 'drizzle-orm';
import type https from 'node:https';
import type { AppContext } from '../context.js';
import { auditPushReads } from '../audit/reads.js';
import { notes, planItems, pushSubscriptions, reminders, users } from '../db/schema.js';
import { windowEnd } from '../doses/chain.js';
import { scaleOf } from '../doses/dayScale.js';
import { openPlanForPatient } from '../sealed/cipher.js';
import { mintActionToken, type PushAction } from '../push/actionTokens.js';
import { dosePayloads, type PushedDose } from '../push/payload.js';
import { type CryptoMessage, encryptHere, type PushCrypto } from '../push/cryptoPool.js';
import { type PushOutcome, type PushRequest, postPush } from '../push/sender.js';
import { vapidAuthorization } from '../push/vapidAuth.js';
import type { VapidKeys } from '../push/vapid.js';
import type { PushItem, PushJob } from '../jobs/types.js';

const MAX_TRIES = 5;
/** Requests in flight per job; the agent keeps a socket for each, across the jobs a worker runs (push/endpoints.ts). */
export const PUSH_SENDS_AT_ONCE = 32;

export interface PushDeps {
  vapid: VapidKeys;
  agent?: https.Agent;
  /** Where the payloads are encrypted: the worker's thread (startWorkers), else inline. */
  crypto?: PushCrypto;
}

type DoseRow = Awaited<ReturnType<typeof loadDoses>>[number];
interface Ready {
  push: PushItem;
  sub: typeof pushSubscriptions.$inferSelect;
  doses: DoseRow[];
}

/** The doses of every push in the job, with what opening their text needs (the patient's key). */
function loadDoses(ctx: AppContext, ids: string[]) {
  return ctx.db
    .select({ dose: reminders, item: planItems, wrappedKeys: notes.wrappedKeys, patientKey: users.wrappedPrivateKey })
    .from(reminders)
    .innerJoin(planItems, eq(planItems.id, reminders.planItemId))
    .innerJoin(notes, eq(notes.id, planItems.noteId))
    .innerJoin(users, eq(users.id, reminders.patientId))
    .where(inArray(reminders.id, ids));
}

export async function sendReminderPushes(ctx: AppContext, deps: PushDeps, job: PushJob): Promise<string> {
  const subIds = [...new Set(job.pushes.map((p) => p.subscriptionId))];
  const subs = new Map(
    (await ctx.db.select().from(pushSubscriptions).where(inArray(pushSubscriptions.id, subIds))).map((s) => [s.id, s]),
  );
  const rows = new Map(
    (await loadDoses(ctx, [...new Set(job.pushes.flatMap((p) => p.doses.map((d) => d.reminderId)))])).map((r) => [
      r.dose.id,
      r,
    ]),
  );
  const ready: Ready[] = [];
  for (const push of job.pushes) {
    const sub = subs.get(push.subscriptionId);
    // A subscription follows its user, and only the dose's own patient may be pushed its dose.
    const doses = push.doses
      .map((d) => ({ step: d.attempt, row: rows.get(d.reminderId) }))
      .filter(({ step, row }) => row?.dose.status === 'due' && row.dose.attempts === step)
      .map(({ row }) => row!)
      .filter((r) => r.dose.patientId === sub?.userId);
    if (sub && doses.length) ready.push({ push, sub, doses });
  }
  if (ready.length === 0) return 'stale';
  await auditPushReads(
    ctx.db,
    ready.map((r) => ({ recipientId: r.sub.userId, doseIds: r.doses.map((d) => d.dose.id) })),
  );
  const messages = ready.map((r) => dosePayloads(pushedDoses(ctx, r)).map((p) => JSON.stringify(p)));
  const requests = await encryptAll(ctx, deps, ready, messages);
  const outcomes = await inFlight(ready, PUSH_SENDS_AT_ONCE, (_, i) => postAll(deps, requests[i]!, job.tries));
  const gone = ready.filter((_, i) => outcomes[i]!.kind === 'gone').map((r) => r.sub.id);
  if (gone.length) await ctx.db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, gone));
  let retrying = 0;
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.kind !== 'retry' || job.tries + 1 >= MAX_TRIES) continue;
    await ctx.jobs.retryPush(ready[i]!.push, job.tries + 1, new Date(Date.now() + outcome.afterMs));
    retrying++;
  }
  const sent = outcomes.filter((o) => o.kind === 'sent').length;
  // One word when the job was one push (what a retry is), counts for a batch.
  if (outcomes.length === 1) return retrying ? 'retrying' : outcomes[0]!.kind;
  return `sent ${sent}, gone ${gone.length}, retrying ${retrying}, failed ${outcomes.length - sent - gone.length - retrying}`;
}

/** Only what the notification shows: each dose, its text, when it was due, and its two actions. */
function pushedDoses(ctx: AppContext, { sub, doses }: Ready): PushedDose[] {
  const now = new Date();
  return doses.map(({ dose: d, item, wrappedKeys, patientKey }) => {
    const grant = (action: PushAction) =>
      mintActionToken(
        ctx.keyring,
        {
          doseId: d.id,
          subscriptionId: sub.id,
          action,
          expiresAt: windowEnd(d, scaleOf(item, ctx.config.scheduleDayMs)),
        },
        now,
      );
    // The patient's own note always holds their wrap; without one the notification says "Dose".
    const text = openPlanForPatient(ctx.keyring, item, wrappedKeys, patientKey) ?? 'Dose';
    return {
      id: d.id,
      planItemId: d.planItemId,
      text,
      dueAt: d.dueAt.toISOString(),
      localTime: d.localTime,
      attempt: d.attempts,
      actions: { take: grant('take'), snooze: grant('snooze') },
    };
  });
}

/** Every device's messages encrypted, in one hand-off to the crypto thread: per device, in order. */
async function encryptAll(ctx: AppContext, deps: PushDeps, ready: Ready[], messages: string[][]) {
  const flat: CryptoMessage[] = ready.flatMap(({ sub }, i) =>
    messages[i]!.map((payload) => ({
      sub,
      payload,
      authorization: vapidAuthorization(sub.endpoint, deps.vapid),
      ttlSeconds: ctx.config.pushTtlSeconds,
    })),
  );
  const sealed = deps.crypto ? await deps.crypto.encrypt(flat) : encryptHere(flat);
  let at = 0;
  return messages.map((list) => {
    at += list.length;
    return sealed.slice(at - list.length, at);
  });
}

// One device's messages, in order, until one is not accepted (a retry sends them all again, each
// replacing its own notification by tag). A message that could not be encrypted has failed.
async function postAll(deps: PushDeps, requests: Array<PushRequest | null>, tries: number): Promise<PushOutcome> {
  for (const request of requests) {
    const outcome: PushOutcome = request
      ? await postPush(request, { agent: deps.agent, attempt: tries })
      : { kind: 'failed' };
    if (outcome.kind !== 'sent') return outcome;
  }
  return { kind: 'sent' };
}

/** Runs `fn` over `items`, at most `limit` at once; the results in the items' order. */
async function inFlight<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
