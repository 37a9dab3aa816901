// socket.io-client with a recorder: every event is kept, and waitFor() resolves on the first
// (past or future) event of a type that matches a predicate.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, EventType, ServerToClientEvents } from '../../src/realtime/protocol.js';

export interface Recorded {
  type: EventType;
  payload: any;
}

export interface TestSocket {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  events: Recorded[];
  waitFor(type: EventType, predicate?: (p: any) => boolean, timeoutMs?: number): Promise<any>;
  request<T = any>(command: keyof ClientToServerEvents, data: unknown): Promise<T>;
  close(): void;
}

export async function connectSocket(url: string, token: string): Promise<TestSocket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true }) as Socket<
    ServerToClientEvents,
    ClientToServerEvents
  >;
  const events: Recorded[] = [];
  const waiters: Array<{ type: EventType; predicate: (p: any) => boolean; resolve: (p: any) => void }> = [];
  socket.onAny((type: EventType, payload: any) => {
    events.push({ type, payload });
    for (const w of [...waiters]) {
      if (w.type === type && w.predicate(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return {
    socket,
    events,
    waitFor(type, predicate = () => true, timeoutMs = 15_000) {
      const seen = events.find((e) => e.type === type && predicate(e.payload));
      if (seen) return Promise.resolve(seen.payload);
      return new Promise((resolve, reject) => {
        const w = {
          type,
          predicate,
          resolve: (p: any) => {
            clearTimeout(timer);
            resolve(p);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`timed out waiting for ${type}`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    request(command, data) {
      return (socket as any).timeout(15_000).emitWithAck(command, data);
    },
    close() {
      socket.disconnect();
    },
  };
}

/** Resolves with the connect_error message of a handshake that must fail. */
export function handshakeError(url: string, token: unknown): Promise<string> {
  const socket = io(url, { auth: { token } as any, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.disconnect();
      reject(new Error('handshake unexpectedly succeeded'));
    });
    socket.once('connect_error', (err) => {
      socket.disconnect();
      resolve(err.message);
    });
  });
}
