// PostgreSQL faults for tests/faults/postgres-faults.test.ts: terminating every backend of one
// database (what a failover or an operator's pg_terminate_backend does to open transactions), a
// steady stream of requests that records every answer, and the invariants that say no transaction
// was half-written, read by SQL.
import pg from 'pg';
import { request } from './http.js';
import { sleep } from './poll.js';

/** Terminates every backend of `database` but this one; resolves with how many it ended. */
export async function terminateBackends(adminUrl: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const res = await client.query(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return res.rows.filter((r) => r.ok).length;
  } finally {
    await client.end();
  }
}

export interface Answer {
  status: number;
  body: any;
  at: number;
}

/** Requests `next()` back to back on `lanes` lanes until stopped; keeps every answer (0: refused). */
export function steadyLoad(
  url: string,
  next: (i: number) => { method: string; path: string; token?: string; body?: unknown },
  lanes = 4,
) {
  const answers: Answer[] = [];
  let running = true;
  let n = 0;
  const done = Promise.all(
    Array.from({ length: lanes }, async () => {
      while (running) {
        const r = next(n++);
        const res = await request(url, r.method, r.path, { token: r.token, body: r.body }).catch(() => null);
        answers.push({ status: res?.status ?? 0, body: res?.body, at: Date.now() });
        await sleep(20);
      }
    }),
  );
  return {
    answers,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** A clean refusal: DESIGN §4's `{error:{code,message}}`, nothing else (no stack, no SQL). */
export const cleanError = (body: any) =>
  !!body?.error &&
  Object.keys(body).length === 1 &&
  Object.keys(body.error).sort().join() === 'code,message' &&
  !/select|insert|update|postgres|pg_|ECONN|at \w+ \(|node_modules/i.test(JSON.stringify(body));

/** Rows that only exist half: each must be 0 (the invariants one transaction keeps). */
export async function partialWrites(dbUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const count = async (q: string) => Number((await client.query(q)).rows[0].n);
  try {
    return {
      // A note reaches its patient and its author as note:new in the same transaction.
      noteWithoutEvent: await count(`select count(*) as n from notes n where
        (select count(*) from events e where e.type = 'note:new' and e.payload->'note'->>'id' = n.id::text) < 2`),
      // A dose taken has its dose:taken event; a delivered one its dose:due.
      takenWithoutEvent: await count(`select count(*) as n from reminders r where r.status = 'taken' and not exists
        (select 1 from events e where e.type = 'dose:taken' and e.user_id = r.patient_id and e.payload->'dose'->>'id' = r.id::text)`),
      dueWithoutEvent: await count(`select count(*) as n from reminders r where r.attempts > 0 and not exists
        (select 1 from events e where e.type = 'dose:due' and e.user_id = r.patient_id and e.payload->'dose'->>'id' = r.id::text)`),
      // An item's count is its taken doses, no more, no less.
      countNotTaken: await count(`select count(*) as n from plan_items p where p.completed_checkins <>
        (select count(*) from reminders r where r.plan_item_id = p.id and r.status in ('taken', 'late'))`),
      // Each user's outbox cursor matches their last event: no seq skipped or reused.
      cursorOff: await count(`select count(*) as n from event_cursors c where c.last_seq <>
        coalesce((select max(seq) from events e where e.user_id = c.user_id), 0)`),
    };
  } finally {
    await client.end();
  }
}
