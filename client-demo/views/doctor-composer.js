// @ts-check
// The doctor's note composer: a free-text note to the selected patient, which the server turns
// into a checklist and reminders. Built once per screen and reused across patients, so switching
// patients does not rebuild it (the doctor view clears the draft itself when the patient changes).
// Nothing is cut: a live counter shows the length, and a note over the limit is not sent. Before
// sending it says what the note does to the running plan: replace it, or add to it.
import { api, describeError } from '../api.js';
import { announce, h, plural } from '../dom.js';
import { activeSteps, changed, mergeNote, record } from '../store.js';

export const MAX_NOTE_LENGTH = 20_000;

/** What sending does to the running plan, in words. @param {'replace' | 'add'} mode @param {number} running */
export function modeWarning(mode, running) {
  if (mode === 'add') return 'Adds to the current plan: what is running goes on beside this note’s plan.';
  if (!running) return 'There is no running plan: this note’s plan starts on its own.';
  return `This replaces the current plan: ${plural(running, 'item')}. (A note without plan items leaves it as it is.)`;
}

/** @param {() => string | null} selectedId @param {{ fresh: Set<string> }} ui */
export function noteComposer(selectedId, ui) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const counter = h('span', { class: 'counter', id: 'note-counter', 'aria-live': 'polite' });
  const warning = h('p', { class: 'mode-warning', id: 'note-mode-warning' });
  const text = /** @type {HTMLTextAreaElement} */ (
    h('textarea', {
      id: 'note-text',
      name: 'content',
      rows: 3,
      required: true,
      'aria-describedby': 'note-hint note-counter note-mode-warning',
    })
  );
  const radio = (/** @type {string} */ value, /** @type {string} */ label) =>
    h(
      'label',
      { class: 'check-opt' },
      h('input', { type: 'radio', name: 'mode', value, checked: value === 'replace', on: { change: update } }),
      label,
    );
  const send = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'btn btn-primary', text: 'Send note' })
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'composer' },
      h('label', { for: 'note-text', id: 'note-label', text: 'New note' }),
      text,
      h(
        'div',
        { class: 'composer-meta' },
        h('p', {
          class: 'hint',
          id: 'note-hint',
          text: 'Write as you would to the patient. Carebeat turns it into a checklist and reminders. Ctrl+Enter sends.',
        }),
        counter,
      ),
      h(
        'fieldset',
        { class: 'mode' },
        h('legend', { text: 'This note’s plan' }),
        radio('replace', 'Replaces the current plan'),
        radio('add', 'Adds to the current plan'),
      ),
      warning,
      error,
      h('div', { class: 'row' }, send),
    )
  );
  const mode = () => /** @type {'replace' | 'add'} */ (new FormData(form).get('mode') === 'add' ? 'add' : 'replace');
  const running = () => {
    const id = selectedId();
    const steps = id ? activeSteps(record(id)) : null;
    return steps?.plan.filter((p) => p.status === 'active' || p.status === 'draft').length ?? 0;
  };

  /** The counter, the over-limit state and the warning; called on typing and on every redraw. */
  function update() {
    const n = text.value.length;
    const over = n > MAX_NOTE_LENGTH;
    counter.textContent = `${n} / ${MAX_NOTE_LENGTH}`;
    counter.classList.toggle('over', over);
    text.setAttribute('aria-invalid', String(over));
    warning.textContent = modeWarning(mode(), running());
    if (!over && error.dataset.kind === 'length') {
      error.textContent = '';
      delete error.dataset.kind;
    }
  }
  text.addEventListener('input', update);
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const content = text.value.trim();
    if (!selectedId()) return;
    if (!content) {
      error.textContent = 'Write something first.';
      text.focus();
      return;
    }
    if (content.length > MAX_NOTE_LENGTH) {
      error.textContent = `This note is ${content.length} characters; the limit is ${MAX_NOTE_LENGTH}. Shorten it: nothing was sent.`;
      error.dataset.kind = 'length';
      text.focus();
      return;
    }
    send.disabled = true;
    error.textContent = '';
    try {
      const { note } = await api('POST', `/api/patients/${selectedId()}/notes`, { content, mode: mode() });
      // The selection is read again after the await, exactly as before this module was split out:
      // a patient switch mid-send merges into the newly selected record (a known quirk, kept as is).
      mergeNote(record(/** @type {string} */ (selectedId())), { ...note, content });
      ui.fresh.add(`note:${note.id}`);
      text.value = '';
      update();
      announce('Note sent. Carebeat is turning it into steps.');
      changed();
    } catch (err) {
      error.textContent = describeError(err);
    } finally {
      send.disabled = false;
    }
  });
  update();
  return Object.assign(form, { update });
}
