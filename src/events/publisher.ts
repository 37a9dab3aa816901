// Turns outbox rows into live socket events. A stored row carries ids and non-secret fields; a
// hydrator for its type fills in the text for that one recipient (decrypting with their own key).
// Live delivery and `sync` replay both go through render(), so a replayed payload is exactly what
// the live event carried.
import type { Db } from '../db/client.js';
import type { EventRow } from '../db/schema.js';
import type { Logger } from '../logger.js';
import type { EventType, SyncedEvent } from '../realtime/protocol.js';
import { eventsAfter } from './outbox.js';

export type Hydrator = (userId: string, stored: Record<string, unknown>) => Promise<Record<string, unknown>>;
export type Hydrators = Partial<Record<EventType, Hydrator>>;

/** Both a socket.io Server and a @socket.io/redis-emitter Emitter fit this. */
export interface RoomEmitter {
  to(room: string): { emit(event: string, payload: unknown): unknown };
}

/** A committed row, with its recipient's hydrated data when the writer already held it. */
export interface Outgoing {
  row: EventRow;
  live?: Record<string, unknown>;
}

export const userRoom = (userId: string) => `user:${userId}`;

export class EventPublisher {
  private emitter: RoomEmitter | null = null;
  private hydrators: Hydrators = {};

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  setEmitter(emitter: RoomEmitter | null): void {
    this.emitter = emitter;
  }

  register(hydrators: Hydrators): void {
    this.hydrators = { ...this.hydrators, ...hydrators };
  }

  async render(row: EventRow, live?: Record<string, unknown>): Promise<SyncedEvent> {
    const type = row.type as EventType;
    const hydrate = this.hydrators[type];
    const data = live ?? (hydrate ? await hydrate(row.userId, row.payload) : row.payload);
    return { type, payload: { eventId: row.id, seq: row.seq, at: row.createdAt.toISOString(), ...data } };
  }

  /** Emits committed rows in seq order. A failure to deliver loses nothing: the row stays for sync. */
  async publish(outgoing: Outgoing[]): Promise<void> {
    if (!this.emitter) return;
    // A unit of work appends rows in seq order per user, so they are emitted as given.
    for (const { row, live } of outgoing) {
      try {
        const { type, payload } = await this.render(row, live);
        // Shutdown may have taken the emitter away while this row was rendering: the rest wait for sync.
        if (!this.emitter) return;
        this.emitter.to(userRoom(row.userId)).emit(type, payload);
      } catch (err) {
        this.log.error(
          { err: { name: (err as Error).name }, eventId: row.id, type: row.type },
          'event delivery failed',
        );
      }
    }
  }

  async sync(userId: string, afterSeq: number, limit: number): Promise<{ events: SyncedEvent[]; hasMore: boolean }> {
    const rows = await eventsAfter(this.db, userId, afterSeq, limit + 1);
    const page = rows.slice(0, limit);
    const events: SyncedEvent[] = [];
    for (const row of page) events.push(await this.render(row));
    return { events, hasMore: rows.length > limit };
  }
}
