// The socket protocol (DESIGN.md §5): the event catalogue (events/protocol.ts) as socket.io's
// server → client map, and the client → server commands with their acks.
import type {
  EventData,
  EventEnvelope,
  EventType,
  PlanItemOutcomeView,
  ReminderView,
  StepsView,
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
  'note:submit': (
    data: { patientId: string; content: string; mode?: 'replace' | 'add' },
    ack: (res: Ack<{ note: { id: string } }>) => void,
  ) => void;
  'steps:confirm': (data: { noteId: string }, ack: (res: Ack<StepsView>) => void) => void;
  'steps:correct': (data: { noteId: string; steps: unknown }, ack: (res: Ack<StepsView>) => void) => void;
  'reminder:checkin': (
    data: { reminderId: string },
    ack: (res: Ack<{ reminder: ReminderView; planItem: PlanItemOutcomeView }>) => void,
  ) => void;
  sync: (
    data: { afterSeq: number; limit?: number },
    ack: (res: Ack<{ events: SyncedEvent[]; hasMore: boolean }>) => void,
  ) => void;
  ack: (data: { uptoSeq: number }, ack: (res: Ack<Record<string, never>>) => void) => void;
}
