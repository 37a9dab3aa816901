// @ts-check
// The chat-style timeline of one patient's care: the doctor's notes, the steps each became,
// reminders and check-ins, oldest first. The doctor's words sit on one side, the patient's on
// the other, and what Carebeat itself did in the middle.
import { h, replace, timeEl } from '../dom.js';
import { producedBy, stepsBlock } from './steps.js';

/**
 * @typedef {import('../store.js').PatientRecord} PatientRecord
 * @typedef {{ perspective: 'patient' | 'doctor', doctorName: (id: string) => string, patientName: string,
 *   fresh: Set<string>, onCorrect?: (noteId: string) => void }} Options
 */

const MAX_ENTRIES = 150;
const REMINDER_STATUS = /** @type {Record<string, [string, string]>} */ ({
  due: ['Due now', 'chip-due'],
  checked_in: ['Checked in', 'chip-ok'],
  missed: ['Missed', 'chip-missed'],
  cancelled: ['Cancelled', 'chip-muted'],
});

/** The newest note: the only one whose steps can still be corrected. @param {PatientRecord} rec */
const newestNoteId = (rec) => [...rec.notes.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)?.id;

/** @param {PatientRecord} rec @param {Options} o */
function entries(rec, o) {
  const doctorSide = o.perspective === 'doctor' ? 'mine' : 'theirs';
  const patientSide = o.perspective === 'patient' ? 'mine' : 'theirs';
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
  for (const r of rec.reminders.values()) {
    if (r.status === 'scheduled' || (r.status === 'cancelled' && !r.attempts)) continue;
    list.push({ key: `reminder:${r.id}`, at: r.dueAt, order: 2, node: () => reminderEntry(r, o) });
    if (r.status === 'checked_in') {
      // The check-in time is known for check-ins seen live; older ones just follow their reminder.
      list.push({
        key: `checkin:${r.id}`,
        at: r.checkedAt ?? r.dueAt,
        order: 3,
        node: () =>
          bubble(
            patientSide,
            o.perspective === 'patient' ? 'You' : o.patientName,
            r.checkedAt,
            [
              h(
                'p',
                { class: 'checkin-line' },
                h('span', { class: 'tick', 'aria-hidden': 'true', text: '✓' }),
                ` Checked in: ${r.text}`,
              ),
            ],
            'checkin',
          ),
      });
    }
  }
  list.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
  return list;
}

/** @param {string} side @param {string} who @param {string | undefined} at @param {Array<Node | null>} body @param {string} kind */
function bubble(side, who, at, body, kind) {
  return h(
    'article',
    { class: `entry bubble ${side} ${kind}` },
    h('header', { class: 'entry-head' }, h('span', { class: 'who', text: who }), at ? timeEl(at) : null),
    ...body,
  );
}

/** @param {import('../store.js').Note} note @param {string} side @param {Options} o @param {boolean} newest */
function noteEntry(note, side, o, newest) {
  const who = o.perspective === 'doctor' ? 'You wrote' : o.doctorName(note.doctorId);
  /** @type {Array<HTMLElement | null>} */
  const body = [h('p', { class: 'note-text', text: note.content ?? '(This note cannot be opened on this account.)' })];
  // Only the doctor hears when extraction fails, so only the doctor sees it in progress.
  if ((note.status === 'pending' || note.status === 'processing') && o.perspective === 'doctor') {
    body.push(
      h(
        'p',
        { class: 'extracting', role: 'status' },
        h('span', { class: 'spinner', 'aria-hidden': 'true' }),
        ' Turning this note into steps…',
      ),
    );
  }
  if (note.status === 'failed' && o.perspective === 'doctor') {
    body.push(
      h(
        'div',
        { class: 'failed' },
        h('strong', { text: 'Steps could not be extracted. ' }),
        h('span', { text: note.failureReason ?? 'The extractor gave up.' }),
        newest && o.onCorrect
          ? h('button', {
              type: 'button',
              class: 'btn btn-small',
              'data-focus': `write:${note.id}`,
              text: 'Write the steps yourself',
              on: { click: () => o.onCorrect?.(note.id) },
            })
          : null,
      ),
    );
  }
  if (o.perspective === 'doctor') {
    body.push(
      h(
        'p',
        { class: `receipt ${note.seenAt ? 'seen' : ''}` },
        note.seenAt ? timeEl(note.seenAt, 'Seen by patient · ') : h('span', { text: 'Delivered · not seen yet' }),
      ),
    );
  }
  return bubble(side, who, note.createdAt, body, 'note');
}

/** What the note became: a summary (progress lives in the plan panel). @param {import('../store.js').Steps} steps */
function stepsEntry(steps) {
  return h(
    'article',
    { class: `entry system steps-entry ${steps.cancelled ? 'is-cancelled' : ''}` },
    h(
      'header',
      { class: 'entry-head' },
      h('span', { class: 'who', text: 'Steps from this note' }),
      steps.cancelled ? h('span', { class: 'chip chip-muted', text: 'Replaced by a newer note' }) : null,
    ),
    h('p', { class: 'extractor', text: producedBy(steps) }),
    stepsBlock(steps, { canTick: false, compact: true }),
  );
}

/** @param {import('../store.js').Reminder} r @param {Options} o */
function reminderEntry(r, o) {
  const [label, cls] = REMINDER_STATUS[r.status] ?? [r.status, 'chip-muted'];
  const hint =
    r.status === 'due'
      ? o.perspective === 'patient'
        ? 'Press Check in once you have done it.'
        : 'Waiting for the patient to check in.'
      : '';
  return h(
    'article',
    { class: `entry system reminder-entry ${r.status}` },
    h(
      'header',
      { class: 'entry-head' },
      h('span', { class: 'who', text: 'Reminder' }),
      timeEl(r.dueAt),
      h('span', { class: `chip ${cls}`, text: label }),
    ),
    h('p', { class: 'reminder-text', text: r.text }),
    hint ? h('p', { class: 'hint', text: hint }) : null,
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
  const shown = list.slice(-MAX_ENTRIES);
  const items = shown.map((e) => {
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
      list.length > shown.length
        ? h('p', { class: 'muted center', text: `${list.length - shown.length} earlier entries are not shown.` })
        : null,
      list.length
        ? h('ol', { class: 'timeline' }, items)
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
