// The socket protocol (DESIGN.md §5): the event catalogue (events/protocol.ts) as socket.io's
// server → client map, and the client → server commands with their acks.
import type {
  AlertView,
  DoseView,
  EventData,
  EventEnvelope,
  EventType,
  MessagesReadView,
  MessageView,
  PlanItemOutcomeView,
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
type DoseOutcome = { dose: DoseView; planItem: PlanItemOutcomeView };
export interface ClientToServerEvents {
  'note:submit': (
    data: { patientId: string; content: string; mode?: 'replace' | 'add' },
    ack: (res: Ack<{ note: { id: string } }>) => void,
  ) => void;
  'steps:confirm': (data: { noteId: string }, ack: (res: Ack<StepsView>) => void) => void;
  'steps:correct': (data: { noteId: string; steps: unknown }, ack: (res: Ack<StepsView>) => void) => void;
  /** v1's name for dose:take; answers with the v1 key `reminder` alongside `dose`. */
  'reminder:checkin': (
    data: { reminderId: string },
    ack: (res: Ack<DoseOutcome & { reminder: DoseView }>) => void,
  ) => void;
  'dose:take': (data: { doseId: string }, ack: (res: Ack<DoseOutcome>) => void) => void;
  'dose:skip': (data: { doseId: string; reason?: string }, ack: (res: Ack<DoseOutcome>) => void) => void;
  'dose:snooze': (data: { doseId: string; minutes: number }, ack: (res: Ack<{ dose: DoseView }>) => void) => void;
  'prn:log': (
    data: { planItemId: string; overMax?: boolean },
    ack: (res: Ack<Omit<EventData['prn:taken'], never>>) => void,
  ) => void;
  'alert:ack': (data: { alertId: string }, ack: (res: Ack<{ alert: AlertView }>) => void) => void;
  'message:send': (
    data: { patientId: string; text: string },
    ack: (res: Ack<{ message: MessageView }>) => void,
  ) => void;
  /** The read receipt: this message and every earlier one from the other side are read. */
  'message:read': (data: { messageId: string }, ack: (res: Ack<{ receipt: MessagesReadView }>) => void) => void;
  sync: (
    data: { afterSeq: number; limit?: number },
    ack: (res: Ack<{ events: SyncedEvent[]; hasMore: boolean }>) => void,
  ) => void;
  ack: (data: { uptoSeq: number }, ack: (res: Ack<Record<string, never>>) => void) => void;
}
