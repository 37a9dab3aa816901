// @ts-check
// What waits for the doctor: the unclear parts of the patient's notes, each with one-click
// "Add as step" (the editor opens with a new plan item made from it) and "Dismiss" (a correction
// without it), and "Confirm and start" for a note whose steps wait for review.
import { api, describeError } from '../api.js';
import { correctionOf } from '../corrections.js';
import { announce, h } from '../dom.js';
import { changed, mergeSteps } from '../store.js';
import { sourceHandlers } from './highlight.js';

/** Per note: why a dismissed part is back (the server's safety check flags it again). @type {Map<string, string>} */
const notices = new Map();

/** A steps answer from the server as one note's steps in the store. @param {any} s */
export const savedSteps = (s) => ({ ...s, unclear: s.unclear ?? [], cancelled: false });

/**
 * @param {import('../store.js').PatientRecord} rec
 * @param {import('../store.js').Steps} current the patient's current steps (activeSteps)
 * @param {{ edit: (noteId: string, addFrom?: { source: string }) => void }} opts
 */
export function reviewBlock(rec, current, { edit }) {
  const open = (current.unclear ?? []).filter((u) => u.status === 'open');
  const waiting = current.status === 'needs_review' || current.plan.some((p) => p.status === 'draft');
  if (!open.length && !waiting) {
    notices.delete(current.noteId);
    return null;
  }
  const error = h('p', { class: 'form-error', role: 'alert' });

  /** @param {HTMLButtonElement} button @param {() => Promise<any>} call @param {string} done @param {(s: any) => void} [after] */
  async function run(button, call, done, after) {
    button.disabled = true;
    error.textContent = '';
    try {
      const saved = await call();
      mergeSteps(rec, savedSteps(saved));
      after?.(saved);
      announce(done);
      changed();
    } catch (err) {
      error.textContent = describeError(err);
      button.disabled = false;
    }
  }

  /** @param {import('../store.js').Unclear} u @param {HTMLButtonElement} button */
  function dismiss(u, button) {
    const steps = rec.steps.get(u.noteId);
    if (!steps) return;
    const rest = (steps.unclear ?? []).filter((x) => x.status === 'open' && x.id !== u.id);
    const body = correctionOf(steps, { unclear: rest });
    const before = body.unclear.length + 1;
    void run(
      button,
      () => api('PUT', `/api/notes/${u.noteId}/steps`, body),
      'Dismissed.',
      (saved) => {
        const still = (saved.unclear ?? []).filter((/** @type {any} */ x) => x.status === 'open');
        if (still.length >= before)
          notices.set(
            u.noteId,
            `Carebeat still flags this note: ${still.at(-1)?.reason ?? 'a part is unclear'}. Add it as a step, or Confirm and start to accept the note as it is.`,
          );
        else notices.delete(u.noteId);
      },
    );
  }

  const confirm = /** @type {HTMLButtonElement} */ (
    h('button', {
      type: 'button',
      class: 'btn btn-primary',
      'data-focus': 'confirm-steps',
      text: 'Confirm and start',
      on: {
        click: () =>
          run(
            confirm,
            () => api('POST', `/api/notes/${current.noteId}/steps/confirm`, {}),
            'Confirmed: the plan has started.',
          ),
      },
    })
  );
  return h(
    'section',
    { class: 'review', 'aria-labelledby': 'review-title' },
    h('h4', { id: 'review-title', text: 'Waiting for your review' }),
    open.length
      ? h(
          'ul',
          { class: 'unclear-list' },
          open.map((u) => {
            const dismissButton = /** @type {HTMLButtonElement} */ (
              h('button', {
                type: 'button',
                class: 'btn btn-small btn-quiet',
                'data-focus': `dismiss:${u.id}`,
                text: 'Dismiss',
                on: { click: () => dismiss(u, dismissButton) },
              })
            );
            return h(
              'li',
              { class: 'unclear', tabindex: '0', ...sourceHandlers(u) },
              h('span', { class: 'unclear-source', text: `“${u.source}”` }),
              h('span', { class: 'hint', text: ` ${u.reason}` }),
              h(
                'span',
                { class: 'row' },
                h('button', {
                  type: 'button',
                  class: 'btn btn-small',
                  'data-focus': `add:${u.id}`,
                  text: 'Add as step',
                  on: { click: () => edit(u.noteId, { source: u.source }) },
                }),
                dismissButton,
              ),
            );
          }),
        )
      : null,
    current.status === 'needs_review'
      ? h('p', { class: 'hint', text: 'Items marked “waiting for your doctor” start when you confirm.' })
      : null,
    current.status === 'needs_review' ? confirm : null,
    notices.has(current.noteId) ? h('p', { class: 'hint review-notice', text: notices.get(current.noteId) }) : null,
    error,
  );
}
