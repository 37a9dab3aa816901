// @ts-check
// The patient's due-reminder card: every reminder due now, oldest first, each with its own big
// Check in button. It hides itself when nothing is due, so the plan moves up in its place.
import { api, describeError } from '../api.js';
import { announce, h, replace, timeEl } from '../dom.js';
import { changed, mergeReminder } from '../store.js';

/**
 * @param {import('../store.js').PatientRecord} rec
 * @param {{ fresh: Set<string> }} ui
 * @param {(message: string) => void} showError the view's one error line ('' clears it), shared so
 *   a failed check-in and a failed doctor change never show two messages at once
 */
export function dueCard(rec, ui, showError) {
  const due = h('section', { class: 'card due-card', 'aria-labelledby': 'due-title' });

  async function checkIn(/** @type {import('../store.js').Reminder} */ r, /** @type {HTMLButtonElement} */ button) {
    button.disabled = true;
    showError('');
    try {
      const res = await api('POST', `/api/reminders/${r.id}/checkin`, {});
      // The check-in event's time wins (a reload shows that one); the local clock stands in until it lands.
      mergeReminder(rec, {
        ...res.reminder,
        checkedAt: rec.reminders.get(r.id)?.checkedAt ?? new Date().toISOString(),
      });
      ui.fresh.add(`checkin:${r.id}`);
      announce(`Checked in: ${r.text}.`);
      changed();
    } catch (err) {
      showError(describeError(err));
      button.disabled = false;
    }
  }

  function render() {
    const list = [...rec.reminders.values()]
      .filter((r) => r.status === 'due')
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    due.hidden = list.length === 0;
    replace(
      due,
      h('h2', { id: 'due-title', text: list.length > 1 ? `${list.length} reminders are due` : 'Time to check in' }),
      h(
        'ul',
        { class: 'due-list' },
        list.map((r) => {
          const button = /** @type {HTMLButtonElement} */ (
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-checkin',
                'data-focus': `checkin:${r.id}`,
                'aria-label': `Check in: ${r.text}`,
                on: { click: () => checkIn(r, button) },
              },
              'Check in',
            )
          );
          return h(
            'li',
            { class: 'due-item' },
            h('p', { class: 'due-text', text: r.text }),
            h('p', { class: 'hint' }, timeEl(r.dueAt, 'Due since ')),
            button,
          );
        }),
      ),
    );
  }

  return { el: due, render };
}
