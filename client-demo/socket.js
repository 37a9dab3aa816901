// @ts-check
// The live channel. Every event carries a per-user `seq`; the client applies them strictly in
// order and remembers the last one it applied (in localStorage, per user). On every (re)connect,
// and whenever a live event skips a number, it asks the server for what it missed with `sync`
// (sequencer.js does the ordering and drops duplicates, so nothing shows twice). After showing
// events it sends `ack`, the read receipt.
import { io } from '/socket.io/socket.io.esm.min.js';
import { session } from './session.js';
import { createSequencer } from './sequencer.js';

/**
 * @typedef {import('../src/events/protocol.ts').EventType} EventType
 * @typedef {{ type: EventType, payload: { eventId: string, seq: number, at: string } & Record<string, any> }} Incoming
 * @typedef {'connecting' | 'online' | 'offline' | 'syncing'} Status
 */

const EVENT_TYPES = /** @type {const} */ ([
  'patient:assigned',
  'patient:unassigned',
  'note:new',
  'steps:ready',
  'steps:review',
  'plan:changed',
  'steps:failed',
  'plan:cancelled',
  // v1's reminder events are no longer sent; listened to for a server still sending them.
  'reminder:due',
  'reminder:checked-in',
  'reminder:missed',
  'plan:completed',
  'dose:due',
  'dose:taken',
  'dose:skipped',
  'dose:missed',
  'dose:snoozed',
  'plan:incomplete',
  'adherence:alert',
  'prn:taken',
  'checklist:done',
  'note:seen',
  'message:new',
  'message:read',
]);
const seqKey = (/** @type {string} */ userId) => `carebeat:seq:${userId}`;

/**
 * @param {{ userId: string, onEvents: (events: Incoming[], opts: { replay: boolean }) => void, onStatus: (s: Status) => void }} opts
 */
export function connectEvents({ userId, onEvents, onStatus }) {
  const stored = localStorage.getItem(seqKey(userId));
  // A device that never synced this user replays the history quietly; one that has, announces what it missed.
  let quiet = stored === null;
  const sequencer = createSequencer(Number(stored) || 0);
  let ackedSeq = sequencer.lastSeq;
  /** @type {Incoming[]} */
  let held = [];
  let syncing = false;
  let stopped = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let ackTimer;

  const socket = io({
    auth: (cb) => cb({ token: session.idToken }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });

  /** Shows a batch in seq order; false when a gap cut it short (sync fills the gap). @param {Incoming[]} batch @param {boolean} replay */
  function apply(batch, replay) {
    const { fresh, gap } = sequencer.take(batch, replay);
    if (fresh.length) {
      localStorage.setItem(seqKey(userId), String(sequencer.lastSeq));
      onEvents(fresh, { replay: quiet });
      scheduleAck();
    }
    return !gap;
  }

  /** Asks for everything after lastSeq, page by page, then applies what arrived live meanwhile. */
  async function catchUp() {
    if (syncing || stopped || !socket.connected) return;
    syncing = true;
    onStatus('syncing');
    try {
      for (;;) {
        const res = await socket.timeout(15_000).emitWithAck('sync', { afterSeq: sequencer.lastSeq });
        if (!res.ok) throw new Error(res.error?.code ?? 'sync failed');
        apply(res.events, true);
        if (!res.hasMore) break;
      }
      quiet = false;
      const live = held;
      held = [];
      onStatus('online');
      // Still a gap after the sync (an event committed meanwhile has not arrived yet): sync again.
      if (!apply(live, false))
        setTimeout(() => {
          void catchUp();
        }, 200);
    } catch {
      // The connection dropped mid-sync; the next connect starts over from lastSeq.
      onStatus(socket.connected ? 'online' : 'offline');
    } finally {
      syncing = false;
    }
  }

  /** @param {EventType} type @param {any} payload */
  function receive(type, payload) {
    const ev = { type, payload };
    if (syncing) {
      held.push(ev);
      return;
    }
    if (!apply([ev], false)) {
      held.push(ev);
      void catchUp();
    }
  }

  function scheduleAck() {
    clearTimeout(ackTimer);
    ackTimer = setTimeout(sendAck, 300);
  }
  function sendAck() {
    // "Seen" means a person could see it: hidden tabs wait until they are looked at.
    if (document.visibilityState !== 'visible' || !socket.connected || sequencer.lastSeq <= ackedSeq) return;
    const upto = sequencer.lastSeq;
    socket
      .timeout(10_000)
      .emitWithAck('ack', { uptoSeq: upto })
      .then(
        (res) => {
          if (res.ok) ackedSeq = Math.max(ackedSeq, upto);
        },
        () => {},
      );
  }

  for (const type of EVENT_TYPES) socket.on(type, (payload) => receive(type, payload));
  // A refused handshake is not retried by socket.io itself. "unavailable" (the identity provider
  // or Redis did not answer) and "rate_limited" mean come back later: retry, 1 s doubling to 30 s.
  let retryMs = 1000;
  socket.on('connect', () => {
    retryMs = 1000;
    void catchUp();
  });
  // socket.io reconnects neither after the server closed an expired token's socket nor after a stale token's refusal.
  async function reconnectFresh() {
    try {
      await session.refresh();
      if (!stopped) socket.connect();
    } catch {
      /* the session ended */
    }
  }
  socket.on('disconnect', async (reason) => {
    if (stopped) return;
    onStatus('offline');
    if (reason === 'io server disconnect') await reconnectFresh();
  });
  socket.on('connect_error', async (err) => {
    onStatus('offline');
    if (stopped) return;
    if (err.message === 'unavailable' || err.message === 'rate_limited') {
      setTimeout(() => !stopped && !socket.connected && socket.connect(), retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    } else if (err.message === 'unauthorized') await reconnectFresh();
  });

  // Browsers know about lost connectivity before a WebSocket times out: act on it at once, so
  // nothing is taken as delivered while offline, and sync the moment the network is back.
  const offline = () => {
    onStatus('offline');
    socket.disconnect();
  };
  const online = () => {
    if (!socket.connected) socket.connect();
  };
  const visible = () => {
    if (document.visibilityState === 'visible') sendAck();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  document.addEventListener('visibilitychange', visible);

  return {
    get connected() {
      return socket.connected;
    },
    close() {
      stopped = true;
      clearTimeout(ackTimer);
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', visible);
      socket.disconnect();
    },
  };
}
