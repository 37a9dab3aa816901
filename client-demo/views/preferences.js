// @ts-check
// The doctor's preference "Review every note before it starts" (GET/PUT /api/me/preferences):
// when on, every new note's plan waits for the doctor's confirmation.
import { api, describeError } from '../api.js';
import { announce, h } from '../dom.js';

export function reviewPreference() {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const box = /** @type {HTMLInputElement} */ (
    h('input', { type: 'checkbox', id: 'pref-review', name: 'reviewBeforeStart', disabled: true })
  );
  const el = h(
    'div',
    { class: 'card prefs' },
    h('label', { class: 'check-opt', for: 'pref-review' }, box, 'Review every note before it starts'),
    h('p', { class: 'hint', text: 'When on, a new note’s plan waits until you press Confirm and start.' }),
    error,
  );
  box.addEventListener('change', async () => {
    const want = box.checked;
    box.disabled = true;
    error.textContent = '';
    try {
      const saved = await api('PUT', '/api/me/preferences', { reviewBeforeStart: want });
      box.checked = saved.reviewBeforeStart;
      announce(saved.reviewBeforeStart ? 'Every new note now waits for your review.' : 'New notes start on their own.');
    } catch (err) {
      box.checked = !want;
      error.textContent = describeError(err);
    } finally {
      box.disabled = false;
    }
  });
  api('GET', '/api/me/preferences').then(
    (p) => {
      box.checked = Boolean(p.reviewBeforeStart);
      box.disabled = false;
    },
    (err) => {
      error.textContent = describeError(err);
    },
  );
  return el;
}
