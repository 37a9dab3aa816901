// @ts-check
// The patient's due card: every dose due now, oldest first, each with a big Take button, Skip
// (with a reason, so the doctor knows why) and Snooze. It hides itself when nothing is due.
import { announce, h, replace } from '../dom.js';
import { doseState } from '../dose-clock.js';
import { describeDoseError, skipDose, snoozeDose, takeDose } from '../doses-api.js';
import { SKIP_WORDS } from '../reducer-doses.js';
import { changed } from '../store.js';

const SNOOZE_MINUTES = [10, 30, 60];

/**
 * @param {import('../store.js').PatientRecord} rec
 * @param {{ fresh: Set<string> }} ui
 * @param {(message: string) => void} showError the view's one error line ('' clears it)
 */
export function dueCard(rec, ui, showError) {
  const due = h('section', { class: 'card due-card', 'aria-labelledby': 'due-title' });
  /** Doses whose reason picker is open: kept across the live re-renders. */
  const skipping = new Set();
  /** The reason picked per dose: a live re-render (a nudge, another dose) must not reset it. */
  const reasons = new Map();
  /** A request per dose at a time: a double click must not send two. */
  const busy = new Set();

  /** @param {import('../store.js').Dose} d @param {() => Promise<unknown>} send @param {string} done */
  async function act(d, send, done) {
    if (busy.has(d.id)) return;
    busy.add(d.id);
    showError('');
    render();
    try {
      await send();
      skipping.delete(d.id);
      reasons.delete(d.id);
      ui.fresh.add(`dose:${d.id}`);
      announce(done);
    } catch (err) {
      showError(describeDoseError(err));
    } finally {
      busy.delete(d.id);
      changed();
    }
  }

  /** @param {import('../store.js').Dose} d */
  function skipForm(d) {
    const id = `skip-reason-${d.id}`;
    const select = /** @type {HTMLSelectElement} */ (
      h(
        'select',
        { id, 'data-focus': id, on: { change: () => reasons.set(d.id, select.value) } },
        Object.entries(SKIP_WORDS).map(([value, text]) => h('option', { value, text })),
      )
    );
    if (reasons.has(d.id)) select.value = reasons.get(d.id);
    return h(
      'div',
      { class: 'skip-form' },
      h('label', { for: id, text: 'Why are you skipping it?' }),
      select,
      h('button', {
        type: 'button',
        class: 'btn btn-small',
        'data-focus': `skip-confirm:${d.id}`,
        text: 'Skip this dose',
        on: { click: () => act(d, () => skipDose(rec, d.id, select.value), `Skipped: ${d.text}.`) },
      }),
    );
  }

  /** @param {import('../store.js').Dose} d */
  function item(d) {
    const state = doseState(d);
    const disabled = busy.has(d.id);
    const snoozes = SNOOZE_MINUTES.map((m) =>
      h('button', {
        type: 'button',
        class: 'btn btn-small btn-quiet',
        disabled,
        'data-focus': `snooze-${m}:${d.id}`,
        'aria-label': `Snooze ${m} minutes: ${d.text}`,
        text: `${m} min`,
        on: { click: () => act(d, () => snoozeDose(rec, d.id, m), `Snoozed for ${m} minutes: ${d.text}.`) },
      }),
    );
    return h(
      'li',
      { class: `due-item ${state}`, 'data-dose': d.id },
      h('p', { class: 'due-text', text: d.text }),
      h('p', {
        class: 'hint',
        text: [
          d.localTime ? `Due at ${d.localTime}` : 'Due now',
          state === 'snoozed' ? 'snoozed' : d.snoozes ? 'back after a snooze' : '',
          d.nudges ? `reminded ${d.nudges}×` : '',
        ]
          .filter(Boolean)
          .join(' · '),
      }),
      h(
        'div',
        { class: 'due-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-checkin',
            disabled,
            'data-focus': `take:${d.id}`,
            'aria-label': `Take: ${d.text}`,
            on: { click: () => act(d, () => takeDose(rec, d.id), `Taken: ${d.text}.`) },
          },
          'Take',
        ),
        h('button', {
          type: 'button',
          class: 'btn btn-small',
          disabled,
          'aria-expanded': skipping.has(d.id) ? 'true' : 'false',
          'data-focus': `skip:${d.id}`,
          'aria-label': `Skip: ${d.text}`,
          text: 'Skip…',
          on: {
            click: () => {
              if (skipping.has(d.id)) skipping.delete(d.id);
              else skipping.add(d.id);
              render();
            },
          },
        }),
        h('span', { class: 'snooze', role: 'group', 'aria-label': 'Snooze' }, h('span', { text: 'Snooze' }), snoozes),
      ),
      skipping.has(d.id) ? skipForm(d) : null,
    );
  }

  function render() {
    const list = [...rec.doses.values()]
      .filter((d) => d.status === 'due')
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    due.hidden = list.length === 0;
    replace(
      due,
      h('h2', { id: 'due-title', text: list.length > 1 ? `${list.length} doses are due` : 'Time for your dose' }),
      h('ul', { class: 'due-list' }, list.map(item)),
    );
  }

  return { el: due, render };
}
