// @ts-check
// The busy doctor's list (issue 15): GET /api/me/patients?sort=attention&q=&filter= holds every
// figure per patient (open alerts, missed in 7 days, overdue now, adherence 7/30 days, last taken,
// next due), computed by the server in one statement. Kept live by events, never by polling: an
// event that changes any figure (a dose outcome, an alert, a plan, a patient arriving or leaving,
// a message) reads the list again, debounced, so a burst costs one read; the server re-sorts.
// An acknowledgement is no event, so a change in the acknowledged alerts this page knows reads too.
import { api } from './api.js';
import { changed, store } from './store.js';

/** @typedef {{ id: string, name: string, email: string, since: string, openAlerts: number, missedLast7Days: number,
 *   overdueNow: number, adherence7d: number | null, adherence30d: number | null, lastTakenAt: string | null,
 *   nextDueAt: string | null, activeItems: number, unreadMessages?: number }} DeskRow */

export const desk = {
  /** In the server's order. @type {DeskRow[]} */
  rows: [],
  /** Bumped on every new answer, so the list knows when to rebuild. */
  version: 0,
  q: '',
  /** @type {'' | 'alerts' | 'overdue' | 'no-plan'} */
  filter: '',
  /** @type {string | null} */
  error: null,
};

/** @param {DeskRow[]} rows */
export function setDeskRows(rows) {
  desk.rows = rows;
  desk.version++;
  desk.error = null;
  for (const r of rows) store.patients.set(r.id, { ...store.patients.get(r.id), ...r });
}

let asked = 0;
/** Reads the list for the current search and filter; only the newest answer lands. */
export async function loadDesk() {
  const n = ++asked;
  const query = new URLSearchParams({ sort: 'attention' });
  if (desk.q.trim()) query.set('q', desk.q.trim());
  if (desk.filter) query.set('filter', desk.filter);
  try {
    const { patients } = await api('GET', `/api/me/patients?${query}`);
    if (n !== asked) return;
    setDeskRows(patients);
  } catch (err) {
    if (n !== asked) return;
    desk.error = err instanceof Error ? err.message : String(err);
    desk.version++;
  }
  changed();
}

const DEBOUNCE_MS = 250;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
/**
 * @param {number} [ms]
 * @param {boolean} [restart] typing restarts the wait (debounce); events do not, so a steady
 *   stream of them still reads the list every `ms` instead of never
 */
export function loadDeskSoon(ms = DEBOUNCE_MS, restart = false) {
  if (timer !== undefined && !restart) return;
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    void loadDesk();
  }, ms);
}

const FIGURES = /^(dose:|adherence:alert$|plan:|steps:|prn:taken$|patient:|message:)/;

/** After live or replayed events: read the list again if one may change a figure. @param {Array<{ type: string }>} events */
export function deskAfter(events) {
  if (store.user?.role !== 'doctor') return;
  if (events.some((e) => FIGURES.test(e.type))) loadDeskSoon();
}

let acks = -1;
/** The acknowledged alerts this page knows: when that number moves, the open-alert counts did too. */
export function watchAcks() {
  let n = 0;
  for (const rec of store.records.values()) for (const a of rec.alerts.values()) if (a.acknowledgedAt) n++;
  if (acks !== -1 && n !== acks) loadDeskSoon(0);
  acks = n;
}

export function stopDesk() {
  clearTimeout(timer);
  timer = undefined;
  asked++;
  Object.assign(desk, { rows: [], q: '', filter: '', error: null });
  acks = -1;
}
