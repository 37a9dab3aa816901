// @ts-check
// The patient's plan panel: the recurring plan with progress, the one-off checklist, and the
// banner that says a new note replaced the previous plan (so the change never goes unnoticed).
import { h, replace } from '../dom.js';
import { activeSteps } from '../store.js';
import { checklist, planItem, producedBy } from './steps.js';

/** @param {import('../store.js').PatientRecord} rec @param {(message: string) => void} showError */
export function planPanel(rec, showError) {
  const plan = h('section', { class: 'card plan-card', 'aria-labelledby': 'plan-title' });
  const todo = h('section', { class: 'card todo-card', 'aria-labelledby': 'todo-title' });

  function render() {
    const steps = activeSteps(rec);
    const items = steps?.plan.filter((p) => p.status !== 'stopped') ?? [];
    replace(
      plan,
      h('h2', { id: 'plan-title', text: 'Your plan' }),
      steps ? h('p', { class: 'extractor', text: producedBy(steps) }) : null,
      items.length
        ? h(
            'ul',
            { class: 'plan' },
            items.map((p) => planItem(p)),
          )
        : h('p', {
            class: 'muted',
            text: 'No plan yet. When your doctor writes a note, the things to do every day appear here.',
          }),
    );
    const open = steps?.checklist.filter((c) => c.status !== 'removed') ?? [];
    replace(
      todo,
      h('h2', { id: 'todo-title', text: 'Checklist' }),
      open.length
        ? checklist(open, { canTick: true, onError: showError })
        : h('p', { class: 'muted', text: 'Nothing to tick off.' }),
    );
  }

  return { plan, todo, render };
}

/** "Your plan changed", until the patient dismisses it for that note. @param {import('../store.js').PatientRecord} rec */
export function planChangedBanner(rec) {
  /** Dismissed per replacing note: a later replacement must show the banner again. */
  const dismissed = new Set();
  const banner = h('div', { class: 'banner-slot' });

  function render() {
    const r = rec.replaced;
    if (!r || dismissed.has(r.byNoteId) || !activeSteps(rec)) {
      banner.replaceChildren();
      return;
    }
    const close = h('button', {
      type: 'button',
      class: 'btn btn-small',
      text: 'Got it',
      on: {
        click: () => {
          dismissed.add(r.byNoteId);
          render();
        },
      },
    });
    replace(
      banner,
      h(
        'div',
        { class: 'banner', role: 'status' },
        h(
          'p',
          {},
          h('strong', { text: 'Your plan changed. ' }),
          'Your doctor wrote a new note, and it replaced your previous plan. The new plan is below.',
        ),
        close,
      ),
    );
  }

  return { el: banner, render };
}
