// Turns outbox rows into what their recipients see, through the one renderer of each event type
// (events/render): live delivery renders with the texts the writer already held (or opens them
// for the recipient when it did not), `sync` replay and the timeline open them from the sealed
// rows. Both paths call the same render(), so a replayed payload is exactly the live one.
import type { Db } from '../db/client.js';
import type { EventRow } from '../db/schema.js';
import type { MasterKeyring } from '../crypto/index.js';
import type { Logger } from '../logger.js';
import { groupBy } from '../groupBy.js';
import { auditReads } from '../audit/reads.js';
import { canReplayTexts } from '../policies.js';
import { loadTexts, mergeTextIds, noTexts, type Texts } from '../sealed/texts.js';
import { eventsAfter, eventsBefore } from './outbox.js';
import { currentDoctors } from './recipients.js';
import type { EventType, SyncedEvent } from './protocol.js';
import { renderData, textsNeeded } from './render/index.js';

/** Both a socket.io Server and a @socket.io/redis-emitter Emitter fit this. */
export interface RoomEmitter {
  to(room: string): { emit(event: string, payload: unknown): unknown };
  in(room: string): { disconnectSockets(close?: boolean): unknown };
}

/** A committed row, with the texts its writer held for this recipient (when it held them). */
export interface Outgoing {
  row: EventRow;
  texts?: Texts;
}

export const userRoom = (userId: string) => `user:${userId}`;

export class EventPublisher {
  private emitter: RoomEmitter | null = null;
  /** The last publish's emit: the next one waits for it (it never rejects). */
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly keyring: MasterKeyring,
    private readonly log: Logger,
  ) {}

  setEmitter(emitter: RoomEmitter | null): void {
    this.emitter = emitter;
  }

  /** Closes every socket of the user, on every API process (a logout): they must sign in again. */
  disconnectUser(userId: string): void {
    this.emitter?.in(userRoom(userId)).disconnectSockets(true);
  }

  render(row: EventRow, texts: Texts): SyncedEvent {
    const type = row.type as EventType;
    const data = renderData(type, row.payload, texts);
    return { type, payload: { eventId: row.id, seq: row.seq, at: row.createdAt.toISOString(), ...data } };
  }

  /**
   * One reader's rows, rendered with their texts opened in one pass. Rows about a patient whose
   * current doctor the reader no longer is render without text (as GET /notes refuses them), but
   * stay, so seqs stay gapless. One query for the current doctors of the page's patients.
   */
  async renderFor(readerId: string, rows: EventRow[]): Promise<SyncedEvent[]> {
    return (await this.renderPage(readerId, rows)).events;
  }

  /** renderFor, also naming the rows rendered with their texts (what the reader was shown). */
  private async renderPage(readerId: string, rows: EventRow[]) {
    const others = rows.map((r) => r.patientId).filter((p): p is string => p !== null && p !== readerId);
    const doctors = await currentDoctors(this.db, others);
    const open = (r: EventRow) => canReplayTexts(readerId, r.patientId, doctors.get(r.patientId!) ?? null);
    const opened = rows.filter(open);
    const texts = await this.openTexts(readerId, opened);
    return { events: rows.map((row) => this.render(row, open(row) ? texts : noTexts)), opened };
  }

  /** The rows among these whose rendering shows sealed text (the ones a read is audited for). */
  private withText(rows: EventRow[]): EventRow[] {
    return rows.filter((r) => Object.values(textsNeeded(r.type as EventType, r.payload)).some((ids) => ids?.length));
  }

  /** The texts these rows show, opened for one reader in one pass. */
  private openTexts(readerId: string, rows: EventRow[]): Promise<Texts> {
    const ids = mergeTextIds(rows.map((r) => textsNeeded(r.type as EventType, r.payload)));
    return loadTexts({ db: this.db, keyring: this.keyring }, readerId, ids);
  }

  /**
   * Emits committed rows in seq order. Texts are opened and the reads audited as soon as a unit of
   * work has committed, concurrently with others, but emits take their turn in the order publish()
   * was called (the order of the commits): otherwise a later unit whose audit entry was written
   * first would overtake an earlier one, and a client would see a dose's second nudge before its
   * first. A failure to deliver loses nothing: the row stays for sync.
   */
  publish(outgoing: Outgoing[]): Promise<void> {
    if (!this.emitter || outgoing.length === 0) return Promise.resolve();
    const prepared = this.prepare(outgoing);
    const turn = this.turn.then(async () => {
      const opened = await prepared;
      if (opened) this.emitAll(outgoing, opened);
    });
    this.turn = turn;
    return turn;
  }

  /** The texts of rows whose writer held none, and the live reads on the trail; null if it failed. */
  private async prepare(outgoing: Outgoing[]): Promise<Map<string, Texts> | null> {
    const opened = new Map<string, Texts>();
    try {
      const without = outgoing.filter((o) => !o.texts).map((o) => o.row);
      for (const [userId, rows] of groupBy(without, (r) => r.userId))
        opened.set(userId, await this.openTexts(userId, rows));
      // Every reader shown text is on the trail before anything is emitted: one statement per
      // reader per batch. Without the entry nothing goes out live; `sync` audits its replay.
      await auditReads(
        this.db,
        'events.live',
        groupBy(this.withText(outgoing.map((o) => o.row)), (r) => r.userId),
      );
      return opened;
    } catch (err) {
      this.log.error({ err: { name: (err as Error).name } }, 'event texts could not be opened; left for sync');
      return null;
    }
  }

  /** A unit of work appends rows in seq order per user, so they are emitted as given. */
  private emitAll(outgoing: Outgoing[], opened: Map<string, Texts>): void {
    for (const { row, texts } of outgoing) {
      try {
        const { type, payload } = this.render(row, texts ?? opened.get(row.userId)!);
        // Shutdown may have taken the emitter away meanwhile: the rest wait for sync.
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
    const { events, opened } = await this.renderPage(userId, page);
    // A replay shows texts as a read does: on the trail before the reply (rows of a patient the
    // reader left render without text, and are no read).
    const shown = this.withText(opened);
    await auditReads(this.db, 'events.replay', new Map(shown.length ? [[userId, shown]] : []));
    return { events, hasMore: rows.length > limit };
  }

  /** The reader's events about one patient, newest first, before `beforeSeq` (null: the newest). */
  async timeline(readerId: string, patientId: string, beforeSeq: number | null, limit: number) {
    const rows = await eventsBefore(this.db, readerId, patientId, beforeSeq, limit + 1);
    const page = rows.slice(0, limit);
    const events = await this.renderFor(readerId, page);
    return { events, nextBefore: rows.length > limit ? page[page.length - 1]!.seq : null };
  }
}
