// @ts-check
// The timeline's entries, one builder per kind: the doctor's notes and the patient's check-ins as
// chat bubbles on their sides, the steps and reminders as Carebeat's own entries in the middle.
import { h, plural, timeEl } from '../dom.js';
import { noteText } from './highlight.js';
import { producedBy, stepsBlock } from './steps.js';

/** @typedef {import('./timeline.js').Options} Options */

const REMINDER_STATUS = /** @type {Record<string, [string, string]>} */ ({
  due: ['Due now', 'chip-due'],
  checked_in: ['Checked in', 'chip-ok'],
  missed: ['Missed', 'chip-missed'],
  cancelled: ['Cancelled', 'chip-muted'],
});

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
export function noteEntry(note, side, o, newest) {
  const who = o.perspective === 'doctor' ? 'You wrote' : o.doctorName(note.doctorId);
  /** @type {Array<HTMLElement | null>} */
  const body = [
    note.content === undefined
      ? h('p', { class: 'note-text', text: '(This note cannot be opened on this account.)' })
      : noteText(note.content, note.id),
  ];
  if (note.status === 'needs_review' && o.perspective === 'doctor')
    body.push(h('p', { class: 'review-line', text: 'Some of this note waits for your review.' }));
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
export function stepsEntry(steps) {
  return h(
    'article',
    { class: `entry system steps-entry ${steps.cancelled ? 'is-cancelled' : ''}` },
    h(
      'header',
      { class: 'entry-head' },
      h('span', { class: 'who', text: 'Steps from this note' }),
      steps.cancelled ? h('span', { class: 'chip chip-muted', text: 'Replaced by a newer note' }) : null,
      steps.status === 'needs_review' ? h('span', { class: 'chip chip-due', text: 'Needs review' }) : null,
    ),
    h('p', { class: 'extractor', text: producedBy(steps) }),
    stepsBlock(steps, { canTick: false, compact: true }),
  );
}

/** @param {import('../store.js').Reminder} r @param {Options} o */
export function reminderEntry(r, o) {
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

/** @param {import('../store.js').Reminder} r @param {Options} o */
export function checkinEntry(r, o) {
  const side = o.perspective === 'patient' ? 'mine' : 'theirs';
  const who = o.perspective === 'patient' ? 'You' : o.patientName;
  const line = h(
    'p',
    { class: 'checkin-line' },
    h('span', { class: 'tick', 'aria-hidden': 'true', text: '✓' }),
    ` Checked in: ${r.text}`,
  );
  return bubble(side, who, r.checkedAt, [line], 'checkin');
}

/** A correction or confirmation ("Plan updated") or a note waiting for review, as the record shows it. @param {import('../store.js').Change} c @param {Options} o */
export function changeEntry(c, o) {
  const review = c.type === 'steps:review';
  const n = c.changes;
  const counts = n
    ? [
        n.added.length ? `${n.added.length} added` : '',
        n.changed.length ? `${n.changed.length} changed` : '',
        n.removed.length ? `${n.removed.length} removed` : '',
      ].filter(Boolean)
    : [];
  const whose = o.perspective === 'doctor' ? 'your' : 'the doctor’s';
  const text = review
    ? `Waiting for ${whose} review: ${c.unclear ? plural(c.unclear, 'unclear part') : 'the plan of this note'}.`
    : counts.length
      ? `The plan was updated: ${counts.join(', ')}.`
      : 'The plan was updated.';
  return h(
    'article',
    { class: `entry system change-entry ${review ? 'review' : 'changed'}` },
    h(
      'header',
      { class: 'entry-head' },
      h('span', { class: 'who', text: review ? 'Waiting for review' : 'Plan updated' }),
      timeEl(c.at),
    ),
    h('p', { class: 'change-text', text }),
  );
}
