// @ts-check
// The doctor's plan box: the selected patient's current plan with who extracted it, what waits
// for review, and in its place, while the doctor corrects a note's steps, the correction editor.
import { announce, h, replace } from '../dom.js';
import { activeSteps, changed, mergeSteps } from '../store.js';
import { savedSteps, reviewBlock } from './doctor-review.js';
import { stepsEditor } from './editor.js';
import { producedBy, stepsBlock } from './steps.js';

/** @param {() => void} renderPanel redraws the whole patient panel: its failure banner hides while editing */
export function planBox(renderPanel) {
  let editing = /** @type {{ noteId: string, addFrom?: { source: string } } | null} */ (null);
  /** Built once per edit: re-rendering it on every live event would wipe what the doctor typed. */
  let editor = /** @type {HTMLElement | null} */ (null);
  const box = h('section', { class: 'plan-box', 'aria-labelledby': 'current-plan-title' });

  /** @param {string} noteId @param {{ source: string }} [addFrom] */
  function edit(noteId, addFrom) {
    editing = { noteId, addFrom };
    editor = null;
    renderPanel();
    /** @type {HTMLElement | null} */ (box.querySelector('#editor-title'))?.focus();
  }

  /** Another patient was chosen: a half-done correction belongs to the previous one. */
  function reset() {
    editing = null;
    editor = null;
  }

  function render(/** @type {import('../store.js').PatientRecord} */ rec) {
    box.classList.toggle('is-editing', Boolean(editing));
    if (editing) {
      const { noteId, addFrom } = editing;
      if (editor && box.contains(editor)) return;
      editor = stepsEditor({
        noteId,
        addFrom,
        steps: rec.steps.get(noteId),
        onDone: (saved) => {
          editing = null;
          editor = null;
          if (saved) {
            mergeSteps(rec, savedSteps(saved));
            announce('Steps saved. The patient sees them now.');
          }
          changed();
          // After the re-render has put the plan back in place of the editor.
          setTimeout(() => /** @type {HTMLElement | null} */ (box.querySelector('#current-plan-title'))?.focus(), 0);
        },
      });
      replace(box, editor);
      return;
    }
    const steps = activeSteps(rec);
    replace(
      box,
      h('h3', { id: 'current-plan-title', tabindex: '-1', 'data-focus': 'plan-title', text: 'Current plan' }),
      steps ? h('p', { class: 'extractor', text: producedBy(steps) }) : null,
      steps ? reviewBlock(rec, steps, { edit }) : null,
      steps
        ? stepsBlock(steps, { canTick: false })
        : h('p', { class: 'muted', text: 'No plan yet: it appears when a note has been turned into steps.' }),
      steps
        ? h('button', {
            type: 'button',
            class: 'btn btn-small',
            'data-focus': 'correct-plan',
            text: 'Correct steps',
            on: { click: () => edit(steps.noteId) },
          })
        : null,
    );
  }

  return { el: box, render, edit, reset, editing: () => editing?.noteId ?? null };
}
