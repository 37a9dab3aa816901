// @ts-check
// Puts one user's events in order. Every event carries a per-user `seq`; live events are shown
// strictly one after another, and a live event that skips a number stops the run there: what
// came before the gap is shown, the rest waits for `sync` to fill the gap. A replay (a `sync`
// page) is complete by construction, so it is taken as it is. An event at or below the last
// shown seq, or with an eventId already seen, is a duplicate and is dropped.
// Pure (no DOM, no socket) so the unit tests can drive it; socket.js wires it to the wire.

/** @typedef {{ payload: { seq: number, eventId: string } }} Sequenced */

/** @param {number} lastSeq the last seq this device already showed */
export function createSequencer(lastSeq) {
  let last = lastSeq;
  const seenIds = new Set();
  return {
    get lastSeq() {
      return last;
    },
    /**
     * @template {Sequenced} E
     * @param {E[]} batch
     * @param {boolean} replay
     * @returns {{ fresh: E[], gap: boolean }} the events to show now, in order, and whether a gap cut the batch short
     */
    take(batch, replay) {
      /** @type {E[]} */
      const fresh = [];
      for (const ev of [...batch].sort((a, b) => a.payload.seq - b.payload.seq)) {
        const { seq, eventId } = ev.payload;
        if (seq <= last || seenIds.has(eventId)) continue;
        // Events before the gap are already taken (and `last` moved past them), so they must be
        // returned, not dropped with the rest: a sync asks only for what comes after `last`.
        if (seq !== last + 1 && !replay) return { fresh, gap: true };
        seenIds.add(eventId);
        last = seq;
        fresh.push(ev);
      }
      return { fresh, gap: false };
    },
  };
}
