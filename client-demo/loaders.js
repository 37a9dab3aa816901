// @ts-check
// A patient's record comes from the record the server keeps: GET /timeline, the reader's own events
// about that patient, newest first, a page at a time (history.js folds them through the reducer).
// GET /steps adds the plan as it stands, for the plan panel and the doctor's badges: its note may
// be pages back. The socket keeps both current.
import { api, describeError } from './api.js';
import { addPage, historyOf, setCurrentSteps, stillCurrent } from './history.js';
import { changed } from './store.js';

const PAGE_SIZE = 50;
/** @param {string} patientId */
const base = (patientId) => `/api/patients/${encodeURIComponent(patientId)}`;

/** Tests set a small page size to reach "Show older" without writing fifty events. */
function pageSize() {
  const n = Math.floor(Number(localStorage.getItem('carebeat:timelinePageSize')));
  return n >= 1 && n <= 200 ? n : PAGE_SIZE;
}

/**
 * GET /steps spans notes (running items of earlier notes too): one Steps per note, the newest
 * note (the answer's own noteId) last, so it is the one the plan box shows.
 * @param {any} s @returns {import('./store.js').Steps[] | null}
 */
export function stepsOf(s) {
  if (!s.noteId) return null;
  /** @type {Map<string, import('./store.js').Steps>} */
  const byNote = new Map();
  const of = (/** @type {string} */ noteId) => {
    let steps = byNote.get(noteId);
    if (!steps) {
      const own = noteId === s.noteId;
      steps = {
        noteId,
        ...(own ? { status: s.status, mode: s.mode } : {}),
        extractor: own ? s.extractor : null,
        model: own ? s.model : null,
        checklist: [],
        plan: [],
        unclear: [],
        cancelled: false,
      };
      byNote.set(noteId, steps);
    }
    return steps;
  };
  for (const c of s.checklist) of(c.noteId ?? s.noteId).checklist.push(c);
  for (const p of s.plan) of(p.noteId ?? s.noteId).plan.push(p);
  for (const u of s.unclear ?? []) /** @type {any[]} */ (of(u.noteId ?? s.noteId).unclear).push(u);
  const own = of(s.noteId);
  byNote.delete(s.noteId);
  return [...byNote.values(), own];
}

/** @param {string} patientId @param {number} [before] @returns {Promise<{ events: any[], nextBefore: number | null }>} */
async function fetchPage(patientId, before) {
  const query = `limit=${pageSize()}${before === undefined ? '' : `&before=${before}`}`;
  const page = await api('GET', `${base(patientId)}/timeline?${query}`);
  return { events: Array.isArray(page.events) ? page.events : [], nextBefore: page.nextBefore ?? null };
}

/** Only the active plan: enough for the doctor's adherence badges. @param {string} patientId */
export async function loadSteps(patientId) {
  setCurrentSteps(patientId, stepsOf(await api('GET', `${base(patientId)}/steps`)));
}

/** The plan as it stands and the newest page of the record. @param {string} patientId */
export async function loadRecord(patientId) {
  const hist = historyOf(patientId);
  const [steps, page] = await Promise.all([api('GET', `${base(patientId)}/steps`), fetchPage(patientId)]);
  if (!stillCurrent(patientId, hist)) return;
  hist.current = stepsOf(steps);
  // Opening the patient again keeps the older pages already read, and how far back they reach.
  if (hist.older === undefined) hist.older = page.nextBefore;
  addPage(patientId, page.events);
}

/** "Show older": the next page back, folded in with the rest. @param {string} patientId */
export async function loadOlder(patientId) {
  const hist = historyOf(patientId);
  if (hist.older === null || hist.older === undefined || hist.loadingOlder) return;
  hist.loadingOlder = true;
  hist.olderError = null;
  changed();
  try {
    const page = await fetchPage(patientId, hist.older);
    if (!stillCurrent(patientId, hist)) return;
    hist.older = page.nextBefore;
    addPage(patientId, page.events);
  } catch (err) {
    hist.olderError = describeError(err);
  } finally {
    hist.loadingOlder = false;
    changed();
  }
}
