// @ts-check
// The doctor's correction editor: edit, add or remove the checklist and plan items of a note and
// save them with PUT /api/notes/:noteId/steps (which reschedules the reminders).
import { api, describeError } from '../api.js';
import { h } from '../dom.js';

/**
 * @param {{ noteId: string, steps: import('../store.js').Steps | undefined, onDone: (saved: any | null) => void }} opts
 */
export function stepsEditor({ noteId, steps, onDone }) {
  let n = 0;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const checkRows = h('ol', { class: 'edit-rows' });
  const planRows = h('ol', { class: 'edit-rows' });

  const remove = (/** @type {HTMLElement} */ row, /** @type {string} */ what) =>
    h('button', {
      type: 'button',
      class: 'btn btn-small btn-quiet',
      'aria-label': `Remove ${what}`,
      text: 'Remove',
      on: { click: () => row.remove() },
    });

  function addCheck(text = '') {
    const id = `ec-${++n}`;
    const row = h('li', { class: 'edit-row' });
    row.append(
      h(
        'div',
        { class: 'field grow' },
        h('label', { for: id, text: 'Task' }),
        h('input', { id, name: 'check-text', value: text, maxlength: '500', required: true }),
      ),
      remove(row, 'task'),
    );
    checkRows.append(row);
    return row;
  }

  function addPlan(p = { text: '', frequencyPerDay: 1, durationDays: 7 }) {
    const id = `ep-${++n}`;
    const row = h('li', { class: 'edit-row plan-row' });
    row.append(
      h(
        'div',
        { class: 'field grow' },
        h('label', { for: id, text: 'What to do' }),
        h('input', { id, name: 'plan-text', value: p.text, maxlength: '500', required: true }),
      ),
      h(
        'div',
        { class: 'field num' },
        h('label', { for: `${id}-f`, text: 'Times a day' }),
        h('input', {
          id: `${id}-f`,
          name: 'plan-freq',
          type: 'number',
          min: '1',
          max: '24',
          value: String(p.frequencyPerDay),
          required: true,
        }),
      ),
      h(
        'div',
        { class: 'field num' },
        h('label', { for: `${id}-d`, text: 'For days' }),
        h('input', {
          id: `${id}-d`,
          name: 'plan-days',
          type: 'number',
          min: '1',
          max: '365',
          value: String(p.durationDays),
          required: true,
        }),
      ),
      remove(row, 'plan item'),
    );
    planRows.append(row);
    return row;
  }

  const focusFirst = (/** @type {HTMLElement} */ row) =>
    /** @type {HTMLInputElement} */ (row.querySelector('input')).focus();
  for (const c of steps?.checklist.filter((i) => i.status !== 'cancelled') ?? []) addCheck(c.text);
  for (const p of steps?.plan.filter((i) => i.status !== 'cancelled') ?? []) addPlan(p);

  const save = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'btn btn-primary', text: 'Save steps' })
  );
  const form = h(
    'form',
    { class: 'editor', 'aria-labelledby': 'editor-title', novalidate: true },
    h('h3', { id: 'editor-title', tabindex: '-1', text: steps ? 'Correct the steps' : 'Write the steps' }),
    h('p', {
      class: 'hint',
      text: "Saving replaces this note's steps; the patient sees the new ones at once and reminders start again from now.",
    }),
    h(
      'fieldset',
      {},
      h('legend', { text: 'Plan (repeats, with reminders)' }),
      planRows,
      h('button', {
        type: 'button',
        class: 'btn btn-small',
        text: 'Add plan item',
        on: { click: () => focusFirst(addPlan()) },
      }),
    ),
    h(
      'fieldset',
      {},
      h('legend', { text: 'Checklist (one-off tasks)' }),
      checkRows,
      h('button', {
        type: 'button',
        class: 'btn btn-small',
        text: 'Add task',
        on: { click: () => focusFirst(addCheck()) },
      }),
    ),
    error,
    h(
      'div',
      { class: 'row' },
      save,
      h('button', { type: 'button', class: 'btn', text: 'Cancel', on: { click: () => onDone(null) } }),
    ),
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const checklist = [...checkRows.querySelectorAll('input[name=check-text]')].map((i) => ({
      text: /** @type {HTMLInputElement} */ (i).value.trim(),
    }));
    const plan = [...planRows.querySelectorAll('.plan-row')].map((row) => ({
      text: /** @type {HTMLInputElement} */ (row.querySelector('[name=plan-text]')).value.trim(),
      frequencyPerDay: Number(/** @type {HTMLInputElement} */ (row.querySelector('[name=plan-freq]')).value),
      durationDays: Number(/** @type {HTMLInputElement} */ (row.querySelector('[name=plan-days]')).value),
    }));
    if ([...checklist, ...plan].some((i) => !i.text)) {
      error.textContent = 'Every item needs some text (or remove it).';
      return;
    }
    if (plan.some((p) => !Number.isInteger(p.frequencyPerDay) || p.frequencyPerDay < 1 || p.frequencyPerDay > 24)) {
      error.textContent = 'Times a day must be a whole number from 1 to 24.';
      return;
    }
    if (plan.some((p) => !Number.isInteger(p.durationDays) || p.durationDays < 1 || p.durationDays > 365)) {
      error.textContent = 'Days must be a whole number from 1 to 365.';
      return;
    }
    save.disabled = true;
    error.textContent = '';
    try {
      onDone(await api('PUT', `/api/notes/${noteId}/steps`, { checklist, plan }));
    } catch (err) {
      error.textContent = describeError(err);
      save.disabled = false;
    }
  });
  return form;
}
