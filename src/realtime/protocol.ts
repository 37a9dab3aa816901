// The socket protocol (DESIGN.md §5): the event catalogue (events/protocol.ts) as socket.io's
// server → client map, and the client → server commands with their acks.
import type {
  EventData,
  EventEnvelope,
  EventType,
  PlanItemView,
  ReminderView,
  SyncedEvent,
} from '../events/protocol.js';

export * from '../events/protocol.js';

export type ServerToClientEvents = { [K in EventType]: (payload: EventEnvelope & EventData[K]) => void };

export interface AckError {
  ok: false;
  error: { code: string; message: string; details?: unknown };
}
export type Ack<T> = ({ ok: true } & T) | AckError;
export interface ClientToServerEvents {
  'note:submit': (data: { patientId: string; content: string }, ack: (res: Ack<{ note: unknown }>) => void) => void;
  'reminder:checkin': (
    data: { reminderId: string },
    ack: (res: Ack<{ reminder: ReminderView; planItem: PlanItemView }>) => void,
  ) => void;
  sync: (
    data: { afterSeq: number; limit?: number },
    ack: (res: Ack<{ events: SyncedEvent[]; hasMore: boolean }>) => void,
  ) => void;
  ack: (data: { uptoSeq: number }, ack: (res: Ack<Record<string, never>>) => void) => void;
}
