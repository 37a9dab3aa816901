// @ts-check
// A message in the timeline: a chat bubble on its author's side, with the read receipt under the
// ones the reader wrote ("Read 10:42" or "Delivered · not read yet").
import { h, timeEl } from '../dom.js';

/** @typedef {import('./timeline.js').Options} Options @typedef {import('../messages.js').Message} Message */

/** @param {Message} m @param {Options} o */
export function messageEntry(m, o) {
  const byDoctor = m.authorId === m.doctorId;
  const mine = (o.perspective === 'doctor') === byDoctor;
  const who = mine ? 'You' : byDoctor ? o.doctorName(m.doctorId) : o.patientName;
  return h(
    'article',
    { class: `entry bubble ${mine ? 'mine' : 'theirs'} message`, 'data-message': m.id },
    h('header', { class: 'entry-head' }, h('span', { class: 'who', text: who }), timeEl(m.createdAt)),
    h('p', { class: 'message-text', text: m.text || '(This message cannot be opened on this account.)' }),
    mine
      ? h(
          'p',
          { class: `receipt ${m.readAt ? 'seen' : ''}` },
          m.readAt ? timeEl(m.readAt, 'Read · ') : h('span', { text: 'Delivered · not read yet' }),
        )
      : null,
  );
}
