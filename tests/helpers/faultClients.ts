// Patients as the fault cases under load drive them: one SeqClient each, which takes its dose as
// soon as its dose:due arrives (live or by `sync`), retrying a take that met the fault (a refused
// connection, a 503). Every status a take got is kept, so a case can assert that none was a 500.
import type { TestUser } from './factories.js';
import { pool } from './faultWorld.js';
import { request } from './http.js';
import { sleep } from './poll.js';
import { type Applied, SeqClient } from './seqClient.js';

export interface Takers {
  clients: SeqClient[];
  /** Every status any take got, retries included, in arrival order. */
  statuses: number[];
  /** Bodies of the non-2xx answers (the error shape is asserted on them). */
  refusals: unknown[];
  /** Resolves when every take started so far is done. */
  settled(): Promise<void>;
  /** Tells the takers which dose is each patient's (before that, a dose:due is only remembered). */
  setDoses(doseOf: Map<string, string>): void;
  close(): void;
}

/** POSTs `path` until it is neither refused nor 503 (the fault's answers); returns the last status. */
export async function retried(
  url: () => string,
  path: string,
  token: string,
  seen: { statuses: number[]; refusals: unknown[] },
  body?: unknown,
): Promise<number> {
  for (let tries = 0; ; tries++) {
    const res = await request(url(), 'POST', path, { token, body }).catch(() => null);
    if (res) seen.statuses.push(res.status);
    if (res && res.status >= 400) seen.refusals.push(res.body);
    if (res && res.status !== 503) return res.status;
    if (tries > 120) return res?.status ?? 0;
    await sleep(250);
  }
}

export async function connectTakers(patients: TestUser[], urls: string[]): Promise<Takers> {
  const statuses: number[] = [];
  const refusals: unknown[] = [];
  const takes: Array<Promise<number>> = [];
  const doseOf = new Map<string, string>();
  const taken = new Set<string>();
  const clients: SeqClient[] = [];
  const maybeTake = (i: number, doseId: string) => {
    const p = patients[i]!;
    if (doseOf.get(p.id) !== doseId || taken.has(doseId)) return;
    taken.add(doseId);
    const c = clients[i]!;
    takes.push(retried(() => c.url, `/api/doses/${doseId}/take`, p.token, { statuses, refusals }));
  };
  await pool(patients, 20, async (p, i) => {
    const c = new SeqClient(p.token, urls, i, (e: Applied) => {
      if (e.type === 'dose:due') maybeTake(i, e.payload.dose.id);
    });
    clients[i] = c;
    await c.connect();
  });
  return {
    clients,
    statuses,
    refusals,
    settled: async () => {
      for (let n = 0; n < takes.length; n = takes.length) await Promise.all(takes.slice(n));
    },
    close: () => {
      for (const c of clients) c.close();
    },
    setDoses: (map) => {
      for (const [k, v] of map) doseOf.set(k, v);
      // A dose:due that came before its id was known here is taken now.
      for (const [i, c] of clients.entries())
        for (const e of c.applied.values()) if (e.type === 'dose:due') maybeTake(i, e.payload.dose.id);
    },
  };
}

/** Outbox rows (per patient, seq order) a client does not hold; and clients holding anything else. */
export function compareWithOutbox(
  clients: SeqClient[],
  patients: TestUser[],
  truth: Map<string, Array<{ seq: number; id: string }>>,
): { lost: number; wrong: string[] } {
  let lost = 0;
  const wrong: string[] = [];
  for (const [i, c] of clients.entries()) {
    const mine = truth.get(patients[i]!.id)!;
    lost += mine.filter((e) => !c.applied.has(e.seq)).length;
    const held = [...c.applied.values()].sort((a, b) => a.seq - b.seq).map((e) => `${e.seq}:${e.id}`);
    if (held.join() !== mine.map((e) => `${e.seq}:${e.id}`).join()) wrong.push(`client ${i}`);
  }
  return { lost, wrong };
}
