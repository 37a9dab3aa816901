// @ts-check
// A patient's record is the fold of their events: the timeline's pages (GET /timeline, the record
// the server keeps) and whatever arrives live or through `sync`, all through the one reducer. The
// history is applied quietly: what happened before this page was opened is not news.
// Paging back brings events older than the ones already applied, and the reducer's cases do not
// commute (plan:cancelled cancels only steps it already knows; a late steps:failed would undo a
// later steps:ready), so every new page rebuilds the record from scratch, in seq order.
// Pure (no DOM, no fetch) so the unit tests can drive it; loaders.js wires it to the API.
import { applyEvent } from './reducer.js';
import { putCalendar } from './dose-store.js';
import { mergeSteps, record, store } from './store.js';

/**
 * @typedef {import('../src/events/protocol.ts').EventType} EventType
 * @typedef {{ type: EventType, payload: { eventId: string, seq: number, at: string } & Record<string, any> }} Logged
 * @typedef {{ doses: import('./store.js').Dose[], from: string, to: string }} Calendar
 * @typedef {{ log: Map<string, Logged>, maxSeq: number, current: import('./store.js').Steps[] | null, older: number | null | undefined,
 *   loadingOlder: boolean, olderError: string | null, calendar: Calendar | null }} History
 *   log: every event applied to the record, by eventId; current: the last GET /steps answer (the
 *   plan panel needs it even when its note is pages back); older: the cursor for the next older
 *   page (undefined before the first page, null once there is nothing older); calendar: the last
 *   GET /doses answer (doses still to come have no event yet), merged first on every rebuild.
 */

/** @type {Map<string, History>} */
const histories = new Map();
/** eventIds already in some record: a timeline page and a live or sync copy are applied once. */
const applied = new Set();

/** The patient list comes from /api/me/patients; these events are about the list, not the record. */
const LIST_EVENTS = new Set(['patient:assigned', 'patient:unassigned']);

/** @param {string} patientId @returns {History} */
export function historyOf(patientId) {
  let hist = histories.get(patientId);
  if (!hist) {
    hist = {
      log: new Map(),
      maxSeq: 0,
      current: null,
      older: undefined,
      loadingOlder: false,
      olderError: null,
      calendar: null,
    };
    histories.set(patientId, hist);
  }
  return hist;
}

/** False once the user signed out (or another signed in) while a page was on its way. @param {string} patientId @param {History} hist */
export const stillCurrent = (patientId, hist) => histories.get(patientId) === hist;

export function resetHistory() {
  histories.clear();
  applied.clear();
}

/**
 * Applies live or synced events (in seq order, as the sequencer hands them over) and logs them.
 * One older than what a record already holds (a new device's sync replaying the history after a
 * timeline page was folded in) rebuilds that record, so it lands in its place, not on top.
 * @param {Logged[]} events
 * @returns {Array<import('./reducer.js').Outcome | null>} null for an event already applied
 */
export function applyIncoming(events) {
  const late = new Set();
  const outcomes = events.map((ev) => {
    const { eventId, seq } = ev.payload;
    if (applied.has(eventId)) return null;
    applied.add(eventId);
    const outcome = applyEvent(ev.type, /** @type {any} */ (ev.payload));
    if (outcome.patientId) {
      const hist = historyOf(outcome.patientId);
      if (hist.maxSeq > seq) late.add(outcome.patientId);
      hist.log.set(eventId, ev);
      hist.maxSeq = Math.max(hist.maxSeq, seq);
    }
    return outcome;
  });
  for (const patientId of late) rebuild(patientId);
  return outcomes;
}

/** The /steps answer for this patient, one Steps per note (or null), merged now and first on every rebuild. @param {string} patientId @param {import('./store.js').Steps[] | null} steps */
export function setCurrentSteps(patientId, steps) {
  historyOf(patientId).current = steps;
  for (const s of steps ?? []) mergeSteps(record(patientId), s);
}

/** A calendar read, merged now and first on every rebuild. @param {string} patientId @param {Calendar} calendar */
export function setCalendar(patientId, calendar) {
  historyOf(patientId).calendar = calendar;
  putCalendar(record(patientId), calendar.doses, calendar.from, calendar.to);
}

/** Adds a timeline page (any order) and rebuilds the record from everything known. @param {string} patientId @param {Logged[]} events */
export function addPage(patientId, events) {
  const hist = historyOf(patientId);
  for (const ev of events) {
    hist.log.set(ev.payload.eventId, ev);
    hist.maxSeq = Math.max(hist.maxSeq, ev.payload.seq);
    applied.add(ev.payload.eventId);
  }
  rebuild(patientId);
}

/** @param {string} patientId */
export function rebuild(patientId) {
  const hist = historyOf(patientId);
  const rec = record(patientId);
  // The "your plan changed" banner is a live notice: replaying history neither raises nor clears it.
  const replaced = rec.replaced;
  rec.notes.clear();
  rec.steps.clear();
  rec.reminders.clear();
  rec.doses.clear();
  rec.alerts.clear();
  rec.prn.clear();
  rec.messages?.clear();
  rec.activeNoteId = null;
  rec.changes = [];
  // The plan as it stands first; the events then merge into it, and merges never move backwards.
  for (const s of hist.current ?? []) mergeSteps(rec, s);
  if (hist.calendar) putCalendar(rec, hist.calendar.doses, hist.calendar.from, hist.calendar.to);
  for (const ev of [...hist.log.values()].sort((a, b) => a.payload.seq - b.payload.seq)) {
    if (LIST_EVENTS.has(ev.type)) continue;
    const p = ev.payload;
    // Every event of this log is about this patient, even when its plan's steps are pages back.
    const itemId = p.dose?.planItemId ?? p.reminder?.planItemId ?? p.planItem?.id;
    if (itemId) store.planOwner.set(itemId, patientId);
    applyEvent(ev.type, /** @type {any} */ (p));
  }
  rec.replaced = replaced;
  rec.loaded = true;
}
