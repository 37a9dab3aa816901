// @ts-check
// A short message to the other side of the care (the patient to their doctor, the doctor back):
// a chat line, never turned into steps. Nothing is cut: over the limit it is not sent, and the
// server's refusal (too many in a minute, no doctor yet) is shown in words.
import { describeError } from '../api.js';
import { announce, h } from '../dom.js';
import { mergeMessageAnswer } from '../messages.js';
import { sendMessage } from '../messages-api.js';
import { changed } from '../store.js';

export const MAX_MESSAGE_LENGTH = 2000;

/** @param {() => string | null} patientId the thread's patient @param {string} hint */
export function messageComposer(patientId, hint) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const counter = h('span', { class: 'counter', id: 'message-counter', 'aria-live': 'polite' });
  const label = h('label', { for: 'message-text', id: 'message-label', text: 'Message' });
  const text = /** @type {HTMLTextAreaElement} */ (
    h('textarea', { id: 'message-text', rows: 2, 'aria-describedby': 'message-hint message-counter' })
  );
  const send = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'btn', text: 'Send message' }));
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'composer message-composer' },
      label,
      text,
      h('div', { class: 'composer-meta' }, h('p', { class: 'hint', id: 'message-hint', text: hint }), counter),
      error,
      h('div', { class: 'row' }, send),
    )
  );
  function update() {
    const over = text.value.length > MAX_MESSAGE_LENGTH;
    counter.textContent = `${text.value.length} / ${MAX_MESSAGE_LENGTH}`;
    counter.classList.toggle('over', over);
    text.setAttribute('aria-invalid', String(over));
  }
  text.addEventListener('input', update);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = patientId();
    const body = text.value;
    if (!id) return;
    const problem = !body.trim()
      ? 'Write something first.'
      : body.length > MAX_MESSAGE_LENGTH
        ? `This message is ${body.length} characters; the limit is ${MAX_MESSAGE_LENGTH}. Nothing was sent.`
        : '';
    if (problem) {
      error.textContent = problem;
      text.focus();
      return;
    }
    send.disabled = true;
    error.textContent = '';
    try {
      mergeMessageAnswer(await sendMessage(id, body));
      text.value = '';
      update();
      announce('Message sent.');
      changed();
    } catch (err) {
      error.textContent = describeError(err);
    } finally {
      send.disabled = false;
    }
  });
  update();
  /** @param {string} words the label, e.g. "Message to Dr Rivera" */
  const setLabel = (words) => {
    label.textContent = words;
  };
  /** Another patient was chosen: the unsent draft was for the one before. */
  const reset = () => {
    text.value = '';
    update();
  };
  return { el: form, setLabel, reset };
}
