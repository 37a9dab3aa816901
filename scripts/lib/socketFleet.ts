// A child process holding many socket.io clients for bench:sockets and bench:reconnect, so the
// clients' own CPU is off the bench's event loop and one process's open-file limit is not the
// limit. Driven over IPC (see FleetCommand). Two kinds of client:
//  - idle: a plain socket.io client that only counts the events it receives;
//  - seq: tests/helpers/seqClient.ts, the protocol's client (DESIGN §5): when its API process dies
//    it reconnects to the other one and `sync`s from its last seq.
import { io, type Socket } from 'socket.io-client';
import { SeqClient } from '../../tests/helpers/seqClient.js';

export interface FleetClient {
  token: string;
  userId: string;
  /** Index into `urls` of the process it first connects to. */
  first: number;
}

export type FleetCommand =
  | { cmd: 'connect'; kind: 'idle' | 'seq'; urls: string[]; clients: FleetClient[]; concurrency: number }
  | { cmd: 'count' }
  | { cmd: 'report' }
  | { cmd: 'close' };

export interface ClientReport {
  userId: string;
  first: number;
  applied: Array<[number, string]>;
  doubled: number;
  conflicts: number;
  /** Connection attempts after the first (one per failover when the first try works). */
  reconnects: number;
  disconnectedAt: number | null;
  recoveredAt: number | null;
  failed: string | null;
}

export type FleetReply =
  | { type: 'connected'; ok: number; failed: number; ms: number; error: string | null }
  | { type: 'count'; received: number; connected: number; down: number; up: number; failed: number }
  | { type: 'report'; clients: ClientReport[] };

const idle: Socket[] = [];
const seq: Array<{
  c: SeqClient;
  userId: string;
  first: number;
  down: number | null;
  up: number | null;
  failed: string | null;
}> = [];
let received = 0;

const send = (m: FleetReply) => process.send!(m);

/** Runs `fn` over `items`, at most `n` at a time (faultWorld's pool, without its app imports). */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function connect(m: Extract<FleetCommand, { cmd: 'connect' }>) {
  const t0 = Date.now();
  let failed = 0;
  let error: string | null = null;
  await pool(m.clients, m.concurrency, async (fc) => {
    try {
      if (m.kind === 'idle') {
        const s = io(m.urls[fc.first]!, {
          auth: { token: fc.token },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        idle.push(s);
        s.onAny(() => {
          received++;
        });
        await new Promise<void>((resolve, reject) => {
          s.once('connect', resolve);
          s.once('connect_error', reject);
        });
      } else {
        const c = new SeqClient(fc.token, m.urls, fc.first, () => {
          received++;
        });
        const entry = {
          c,
          userId: fc.userId,
          first: fc.first,
          down: null as number | null,
          up: null as number | null,
          failed: null as string | null,
        };
        seq.push(entry);
        await c.connect();
        c.socket!.once('disconnect', () => {
          entry.down = Date.now();
        });
        // On losing its process it goes to the other one (the survivor), retrying, then syncs.
        c.failOverTo(() => m.urls[(fc.first + 1) % m.urls.length]!);
        c.socket!.once('disconnect', () => {
          c.recovered!.then(
            () => {
              entry.up = Date.now();
            },
            (err: Error) => {
              entry.failed = err.message;
            },
          );
        });
      }
    } catch (err) {
      failed++;
      error ??= (err as Error).message;
    }
  });
  send({ type: 'connected', ok: m.clients.length - failed, failed, ms: Date.now() - t0, error });
}

// The bench died without stopping us: go with it.
process.on('disconnect', () => process.exit(0));

process.on('message', (m: FleetCommand) => {
  if (m.cmd === 'connect') void connect(m);
  else if (m.cmd === 'count')
    send({
      type: 'count',
      received,
      connected: idle.filter((s) => s.connected).length + seq.filter((e) => e.c.socket?.connected).length,
      down: seq.filter((e) => e.down !== null).length,
      up: seq.filter((e) => e.up !== null).length,
      failed: seq.filter((e) => e.failed !== null).length,
    });
  else if (m.cmd === 'report')
    send({
      type: 'report',
      clients: seq.map((e) => ({
        userId: e.userId,
        first: e.first,
        applied: [...e.c.applied.values()].map((a): [number, string] => [a.seq, a.id]),
        doubled: e.c.doubled,
        reconnects: e.c.reconnects,
        conflicts: e.c.conflicts.length,
        disconnectedAt: e.down,
        recoveredAt: e.up,
        failed: e.failed,
      })),
    });
  else {
    for (const s of idle) s.disconnect();
    for (const e of seq) e.c.close();
    setTimeout(() => process.exit(0), 200);
  }
});
