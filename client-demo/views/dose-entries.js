// @ts-check
// The timeline's dose entries: each dose an event told of, at its due time, with its local time
// and outcome (Carebeat's own entry, in the middle); a taken dose and an as-needed dose as the
// patient's bubbles; an adherence alert (doctors only). The chips read the dose's status, never
// the clock, so the record reads the same after a reload.
import { h, timeEl } from '../dom.js';
import { SKIP_WORDS } from '../reducer-doses.js';

/** @typedef {import('./timeline.js').Options} Options @typedef {import('../store.js').Dose} Dose */

const DOSE_STATUS = /** @type {Record<string, [string, string]>} */ ({
  due: ['Due', 'chip-due'],
  taken: ['Taken', 'chip-ok'],
  late: ['Taken late', 'chip-ok'],
  skipped: ['Skipped', 'chip-muted'],
  missed: ['Missed', 'chip-missed'],
  cancelled: ['Cancelled', 'chip-muted'],
});

/** @param {Dose} d @param {Options} o */
export function doseEntry(d, o) {
  const [label, cls] = DOSE_STATUS[d.status] ?? [d.status, 'chip-muted'];
  const notes = [
    d.status === 'skipped' ? `Reason: ${SKIP_WORDS[d.skipReason ?? 'other'] ?? d.skipReason}` : '',
    d.snoozes ? `Snoozed ${d.snoozes === 1 ? 'once' : `${d.snoozes} times`}` : '',
    d.status === 'due' && o.perspective === 'patient' ? 'Take, skip or snooze it on the due card.' : '',
  ].filter(Boolean);
  return h(
    'article',
    { class: `entry system dose-entry ${d.status}` },
    h(
      'header',
      { class: 'entry-head' },
      h('span', { class: 'who', text: d.localTime ? `Dose at ${d.localTime}` : 'Dose' }),
      timeEl(d.dueAt),
      h('span', { class: `chip ${cls}`, text: label }),
    ),
    h('p', { class: 'reminder-text', text: d.text }),
    notes.length ? h('p', { class: 'hint', text: notes.join(' · ') }) : null,
  );
}

/** @param {string} side @param {string} who @param {string} at @param {string} line @param {string} kind */
const bubble = (side, who, at, line, kind) =>
  h(
    'article',
    { class: `entry bubble ${side} ${kind}` },
    h('header', { class: 'entry-head' }, h('span', { class: 'who', text: who }), timeEl(at)),
    h('p', { class: 'checkin-line' }, h('span', { class: 'tick', 'aria-hidden': 'true', text: '✓' }), ` ${line}`),
  );

/** @param {Options} o */
const patientSide = (o) => (o.perspective === 'patient' ? ['mine', 'You'] : ['theirs', o.patientName]);

/** @param {Dose} d @param {Options} o */
export function takenEntry(d, o) {
  const [side, who] = patientSide(o);
  const line = `${d.status === 'late' ? 'Took late' : 'Took'}: ${d.text}`;
  return bubble(side, who, d.takenAt ?? d.dueAt, line, 'checkin taken');
}

/** @param {import('../store.js').Prn} p @param {Options} o */
export function prnEntry(p, o) {
  const [side, who] = patientSide(o);
  const line = `Took as needed: ${p.text}${p.overMax ? ' (over the daily maximum)' : ''}`;
  return bubble(side, who, p.takenAt, line, 'checkin prn');
}

/** @param {import('../store.js').Alert} a */
export function alertEntry(a) {
  return h(
    'article',
    { class: 'entry system alert-entry' },
    h(
      'header',
      { class: 'entry-head' },
      h('span', { class: 'who', text: 'Adherence alert' }),
      timeEl(a.createdAt),
      h('span', {
        class: `chip ${a.acknowledgedAt ? 'chip-muted' : 'chip-missed'}`,
        text: a.acknowledgedAt ? 'Acknowledged' : 'Open',
      }),
    ),
    h('p', { class: 'reminder-text', text: `${a.misses} doses missed in a row: ${a.text ?? 'a plan item'}` }),
  );
}
