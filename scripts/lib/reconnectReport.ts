// bench:reconnect's tally: every client's events against its user's outbox in PostgreSQL (the
// truth), and the reconnect times of the clients whose process was killed.
import os from 'node:os';
import { inArray } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import { events } from '../../src/db/schema.js';
import type { ClientReport } from './socketFleet.js';
import { pct } from './socketWorld.js';

/** Every outbox row (seq → event id) of each of these users. */
export async function outboxOf(dbUrl: string, userIds: string[]): Promise<Map<string, Map<number, string>>> {
  const store = await openDatabase({ databaseUrl: dbUrl, dataDir: os.tmpdir(), migrate: false });
  const out = new Map<string, Map<number, string>>(userIds.map((u) => [u, new Map()]));
  try {
    for (let i = 0; i < userIds.length; i += 1000) {
      const rows = await store.db
        .select({ userId: events.userId, seq: events.seq, id: events.id })
        .from(events)
        .where(inArray(events.userId, userIds.slice(i, i + 1000)));
      for (const r of rows) out.get(r.userId)!.set(r.seq, r.id);
    }
  } finally {
    await store.close();
  }
  return out;
}

export function tally(clients: ClientReport[], truth: Map<string, Map<number, string>>, killedAt: number) {
  let expected = 0;
  let lost = 0;
  let doubled = 0;
  for (const c of clients) {
    const want = truth.get(c.userId)!;
    const have = new Map(c.applied);
    expected += want.size;
    for (const [seq, id] of want) if (have.get(seq) !== id) lost++;
    // The same event twice on one connection, a sync page repeating a seq, or two ids for one seq.
    doubled += c.doubled + c.conflicts;
  }
  const failedOver = clients.filter((c) => c.disconnectedAt !== null);
  const times = failedOver.filter((c) => c.recoveredAt !== null).map((c) => c.recoveredAt! - killedAt);
  const detect = failedOver.map((c) => c.disconnectedAt! - killedAt);
  return {
    expected,
    lost,
    doubled,
    failedOver: failedOver.length,
    recovered: times.length,
    failed: failedOver.filter((c) => c.failed).map((c) => c.failed!),
    retries: failedOver.reduce((n, c) => n + Math.max(0, c.reconnects - 1), 0),
    p50: pct(times, 50),
    p99: pct(times, 99),
    max: times.length ? Math.max(...times) : Number.NaN,
    detectMax: detect.length ? Math.max(...detect) : Number.NaN,
  };
}
