// @ts-check
// The chat-style timeline of one patient's care: the doctor's notes, the steps each became,
// doses (v1's reminders and check-ins too) and their outcomes, oldest first. The doctor's words sit on one side,
// the patient's on the other, and what Carebeat itself did in the middle. It shows the record as
// far back as its pages were read (loaders.js); "Show older" reads the next one.
import { h, replace } from '../dom.js';
import { historyOf } from '../history.js';
import { loadOlder } from '../loaders.js';
import { alertEntry, doseEntry, prnEntry, takenEntry } from './dose-entries.js';
import { changeEntry, checkinEntry, noteEntry, reminderEntry, stepsEntry } from './entries.js';
import { messagesOf } from '../messages.js';
import { messageEntry } from './message-entries.js';

/**
 * @typedef {import('../store.js').PatientRecord} PatientRecord
 * @typedef {{ perspective: 'patient' | 'doctor', doctorName: (id: string) => string, patientName: string,
 *   fresh: Set<string>, onCorrect?: (noteId: string) => void }} Options
 */

/** The newest note: the only one whose steps can still be corrected. @param {PatientRecord} rec */
const newestNoteId = (rec) => [...rec.notes.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)?.id;

/** @param {PatientRecord} rec @param {Options} o */
function entries(rec, o) {
  const doctorSide = o.perspective === 'doctor' ? 'mine' : 'theirs';
  /** @type {Array<{ key: string, at: string, order: number, node: () => HTMLElement }>} */
  const list = [];
  const newest = newestNoteId(rec);
  for (const note of rec.notes.values()) {
    list.push({
      key: `note:${note.id}`,
      at: note.createdAt,
      order: 0,
      node: () => noteEntry(note, doctorSide, o, note.id === newest),
    });
    const steps = rec.steps.get(note.id);
    if (steps) list.push({ key: `steps:${note.id}`, at: note.createdAt, order: 1, node: () => stepsEntry(steps) });
  }
  for (const c of rec.changes) list.push({ key: c.key, at: c.at, order: 1, node: () => changeEntry(c, o) });
  for (const r of rec.reminders.values()) {
    if (r.status === 'scheduled' || (r.status === 'cancelled' && !r.attempts)) continue;
    list.push({ key: `reminder:${r.id}`, at: r.dueAt, order: 2, node: () => reminderEntry(r, o) });
    // At the check-in event's own time, so it stays put across reloads (a check-in known only from
    // the POST answer, its event still on the way, shows the local time until the event lands).
    if (r.status === 'checked_in')
      list.push({ key: `checkin:${r.id}`, at: r.checkedAt ?? r.dueAt, order: 3, node: () => checkinEntry(r, o) });
  }
  for (const d of rec.doses.values()) {
    if (!d.logged || d.status === 'scheduled') continue;
    list.push({ key: `dose:${d.id}`, at: d.dueAt, order: 2, node: () => doseEntry(d, o) });
    if (d.status === 'taken' || d.status === 'late')
      list.push({ key: `taken:${d.id}`, at: d.takenAt ?? d.dueAt, order: 3, node: () => takenEntry(d, o) });
  }
  for (const p of rec.prn.values())
    list.push({ key: `prn:${p.id}`, at: p.takenAt, order: 3, node: () => prnEntry(p, o) });
  for (const m of messagesOf(rec.patientId).values())
    list.push({ key: `message:${m.id}`, at: m.createdAt, order: 3, node: () => messageEntry(m, o) });
  if (o.perspective === 'doctor')
    for (const a of rec.alerts.values())
      list.push({ key: `alert:${a.id}`, at: a.createdAt, order: 4, node: () => alertEntry(a) });
  list.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order || a.key.localeCompare(b.key));
  return list;
}

/** The way back into the record, while there is more of it. @param {string} patientId */
function olderButton(patientId) {
  const hist = historyOf(patientId);
  if (hist.older === null || hist.older === undefined) return null;
  return h(
    'div',
    { class: 'older' },
    h('button', {
      type: 'button',
      class: 'btn btn-small show-older',
      'data-focus': 'show-older',
      disabled: hist.loadingOlder,
      text: hist.loadingOlder ? 'Loading…' : 'Show older',
      on: { click: () => void loadOlder(patientId) },
    }),
    hist.olderError ? h('p', { class: 'form-error', role: 'alert', text: hist.olderError }) : null,
  );
}

/**
 * @param {HTMLElement} container a scroll box laid out bottom-up (CSS column-reverse), so the
 *   browser keeps it anchored at the newest entry as entries arrive and as the width changes
 * @param {PatientRecord} rec
 * @param {Options} o
 */
export function renderTimeline(container, rec, o) {
  const list = entries(rec, o);
  const older = olderButton(rec.patientId);
  const items = list.map((e) => {
    const node = e.node();
    if (o.fresh.has(e.key))
      node.querySelector('.entry-head')?.append(h('span', { class: 'chip chip-new', text: 'New' }));
    return h('li', { class: o.fresh.has(e.key) ? 'is-new' : '', 'data-key': e.key }, node);
  });
  replace(
    container,
    h(
      'div',
      {},
      older,
      list.length
        ? h('ol', { class: 'timeline' }, items)
        : older
          ? null // the newest page held only receipts and the like: the entries are further back
          : h('p', {
              class: 'empty',
              text:
                o.perspective === 'doctor'
                  ? 'No notes yet. Write the first one below.'
                  : 'Nothing here yet. Notes from your doctor will appear here the moment they are written.',
            }),
    ),
  );
}
