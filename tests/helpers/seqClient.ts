// A client as the protocol wants one (DESIGN §5): it applies events by `seq`, and when its API
// process goes away it reconnects to another and `sync`s from the last seq it holds. It counts
// what the server got wrong: the same event twice on one connection ("doubled"), a sync page that
// repeats a seq, and live events that arrived out of seq order (allowed, the seq sorts them).
import { io, type Socket } from 'socket.io-client';

export interface Applied {
  seq: number;
  id: string;
  type: string;
  payload: any;
}

export class SeqClient {
  socket: Socket | null = null;
  url: string;
  readonly applied = new Map<number, Applied>();
  doubled = 0;
  outOfOrder = 0;
  reconnects = 0;
  syncedEvents = 0;
  /** A seq applied twice with different event ids: two events claimed one seq. */
  conflicts: string[] = [];
  /** Set once the client has reconnected and synced after losing its process. */
  recovered: Promise<void> | null = null;
  private onEvent: (e: Applied) => void;

  constructor(
    private readonly token: string,
    urls: string[],
    first: number,
    onEvent: (e: Applied) => void = () => {},
  ) {
    this.url = urls[first % urls.length]!;
    this.onEvent = onEvent;
  }

  lastSeq(): number {
    let s = 0;
    while (this.applied.has(s + 1)) s++;
    return s;
  }

  private apply(type: string, payload: any) {
    const seq = payload.seq as number;
    const had = this.applied.get(seq);
    if (had) {
      if (had.id !== payload.eventId) this.conflicts.push(`seq ${seq}: ${had.id} and ${payload.eventId}`);
      return;
    }
    const e = { seq, id: payload.eventId as string, type, payload };
    this.applied.set(seq, e);
    this.onEvent(e);
  }

  connect(url = this.url): Promise<void> {
    this.url = url;
    const socket = io(url, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket = socket;
    const seen = new Set<string>();
    let maxLive = 0;
    socket.onAny((type: string, payload: any) => {
      if (!payload || typeof payload.seq !== 'number') return;
      if (seen.has(payload.eventId)) this.doubled++;
      seen.add(payload.eventId);
      if (payload.seq < maxLive) this.outOfOrder++;
      maxLive = Math.max(maxLive, payload.seq);
      this.apply(type, payload);
    });
    return new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
  }

  /** Pages through `sync` from the last contiguous seq until nothing more is missing. */
  async sync(): Promise<void> {
    for (;;) {
      const page = (await this.socket!.timeout(15_000).emitWithAck('sync', { afterSeq: this.lastSeq() })) as {
        events?: Array<{ type: string; payload: any }>;
        hasMore?: boolean;
      };
      if (!page.events) throw new Error(`sync failed: ${JSON.stringify(page)}`);
      const seqs = page.events.map((e) => e.payload.seq);
      if (new Set(seqs).size !== seqs.length) this.doubled += seqs.length - new Set(seqs).size;
      for (const e of page.events) this.apply(e.type, e.payload);
      this.syncedEvents += page.events.length;
      if (!page.hasMore) return;
    }
  }

  /** On losing the connection: reconnect to `next()` (retrying) and sync. */
  failOverTo(next: () => string): void {
    this.socket!.once('disconnect', () => {
      this.recovered = (async () => {
        for (let tries = 0; ; tries++) {
          try {
            this.reconnects++;
            await this.connect(next());
            await this.sync();
            return;
          } catch (err) {
            this.socket?.disconnect();
            if (tries > 20) throw err;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      })();
    });
  }

  close(): void {
    this.socket?.disconnect();
  }
}
