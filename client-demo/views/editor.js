// @ts-check
// The doctor's correction editor: edit, add or remove a note's plan items (every timing field)
// and tasks, and settle its unclear parts, then save with PUT /api/notes/:noteId/steps. Items
// keep their ids, so an edit is in place: doses on record stay and count.
import { api, describeError } from '../api.js';
import { checklistInput, planInput } from '../corrections.js';
import { h } from '../dom.js';
import { checkRow, readCheckRow } from './editor-checks.js';
import { planRow, readPlanRow } from './editor-rows.js';

/**
 * @param {{ noteId: string, steps: import('../store.js').Steps | undefined, onDone: (saved: any | null) => void,
 *   addFrom?: { source: string } }} opts addFrom: an unclear part to turn into a new plan item
 */
export function stepsEditor({ noteId, steps, onDone, addFrom }) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const checkRows = h('ol', { class: 'edit-rows' });
  const planRows = h('ol', { class: 'edit-rows' });
  const unclearRows = h('ul', { class: 'unclear-list' });
  /** @type {Array<{ source: string, reason: string }>} */
  let unclear = (steps?.unclear ?? [])
    .filter((u) => u.status === 'open')
    .map((u) => ({ source: u.source, reason: u.reason }));

  const focusFirst = (/** @type {HTMLElement} */ row) => {
    /** @type {HTMLInputElement} */ (row.querySelector('input')).focus();
    return row;
  };
  const addPlan = (/** @type {Parameters<typeof planRow>[0]} */ p) => planRows.appendChild(planRow(p));
  const addCheck = (/** @type {Parameters<typeof checkRow>[0]} */ c) => checkRows.appendChild(checkRow(c));
  /** The unclear part becomes a new plan item, prefilled with its words, and waits no more. @param {string} source */
  function addAsStep(source) {
    unclear = unclear.filter((u) => u.source !== source);
    renderUnclear();
    return focusFirst(addPlan({ text: source, source, asNeeded: false, timing: null }));
  }

  function renderUnclear() {
    unclearRows.replaceChildren(
      ...unclear.map((u) =>
        h(
          'li',
          { class: 'unclear' },
          h('span', { class: 'unclear-source', text: `“${u.source}”` }),
          h('span', { class: 'hint', text: ` ${u.reason}` }),
          h('button', {
            type: 'button',
            class: 'btn btn-small',
            text: 'Add as step',
            on: { click: () => addAsStep(u.source) },
          }),
          h('button', {
            type: 'button',
            class: 'btn btn-small btn-quiet',
            text: 'Dismiss',
            on: {
              click: () => {
                unclear = unclear.filter((x) => x !== u);
                renderUnclear();
              },
            },
          }),
        ),
      ),
    );
    unclearBox.hidden = unclear.length === 0;
  }

  for (const p of steps?.plan.filter((i) => i.status !== 'stopped') ?? []) addPlan(planInput(p));
  for (const c of steps?.checklist.filter((i) => i.status !== 'removed') ?? [])
    addCheck({ ...checklistInput(c), done: c.done });

  const save = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'btn btn-primary', text: 'Save steps' })
  );
  const unclearBox = h(
    'fieldset',
    { class: 'unclear-box' },
    h('legend', { text: 'Still unclear (saved as waiting for you)' }),
    unclearRows,
  );
  const form = h(
    'form',
    { class: 'editor', 'aria-labelledby': 'editor-title', novalidate: true },
    h('h3', { id: 'editor-title', tabindex: '-1', text: steps ? 'Correct the steps' : 'Write the steps' }),
    h('p', {
      class: 'hint',
      text: 'Edits apply in place: doses already taken or missed stay on record. The patient sees the new steps at once.',
    }),
    unclearBox,
    h(
      'fieldset',
      {},
      h('legend', { text: 'Plan (repeats, with reminders)' }),
      planRows,
      h('button', {
        type: 'button',
        class: 'btn btn-small',
        text: 'Add plan item',
        on: { click: () => focusFirst(addPlan({ text: '', asNeeded: false, timing: null, source: '' })) },
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
        on: { click: () => focusFirst(addCheck({})) },
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
  renderUnclear();
  if (addFrom) queueMicrotask(() => addAsStep(addFrom.source));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const plan = [...planRows.querySelectorAll('.plan-row')].map((r) => readPlanRow(/** @type {HTMLElement} */ (r)));
    const checklist = [...checkRows.querySelectorAll('.check-row')].map((r) =>
      readCheckRow(/** @type {HTMLElement} */ (r)),
    );
    const problem = [...plan, ...checklist].find((x) => typeof x === 'string');
    if (problem) {
      error.textContent = /** @type {string} */ (problem);
      return;
    }
    save.disabled = true;
    error.textContent = '';
    try {
      onDone(await api('PUT', `/api/notes/${noteId}/steps`, { checklist, plan, unclear }));
    } catch (err) {
      error.textContent = describeError(err);
      save.disabled = false;
    }
  });
  return form;
}
