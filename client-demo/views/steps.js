// @ts-check
// The steps of a note: the plan (recurring, with progress) and the checklist (one-off tasks).
// Shared by both views; only the patient gets tick boxes.
import { api, describeError } from '../api.js';
import { h, perDay, plural } from '../dom.js';

/** @typedef {import('../store.js').Steps} Steps @typedef {import('../store.js').PlanItem} PlanItem */

/** Who produced the steps, in words. @param {{ extractor: string | null, model: string | null }} s */
export function producedBy(s) {
  if (s.extractor === 'doctor') return 'Written by the doctor';
  if (s.extractor === 'gemini') return `Extracted by Gemini${s.model ? ` (${s.model})` : ''}`;
  if (s.extractor === 'rules') return 'Extracted by the built-in rules';
  if (s.extractor === 'noop') return 'No extractor configured';
  return s.extractor ? `Extracted by ${s.extractor}` : 'Extracted automatically';
}

/** @param {PlanItem} p */
export const schedule = (p) => `${perDay(p.frequencyPerDay)} for ${plural(p.durationDays, 'day')}`;

/** @param {PlanItem} p @param {{ compact?: boolean }} [opts] */
export function planItem(p, { compact = false } = {}) {
  const status =
    p.status === 'completed'
      ? h('span', { class: 'chip chip-ok', text: 'Completed' })
      : p.status === 'cancelled'
        ? h('span', { class: 'chip chip-muted', text: 'Replaced' })
        : null;
  const missed =
    p.missedCount > 0
      ? h('span', { class: 'stat stat-missed', text: `${plural(p.missedCount, 'missed check-in')}` })
      : h('span', { class: 'stat stat-ok', text: 'None missed' });
  return h(
    'li',
    { class: `plan-item ${p.status}` },
    h('div', { class: 'plan-head' }, h('span', { class: 'plan-text', text: p.text }), status),
    h('div', { class: 'plan-meta', text: schedule(p) }),
    compact
      ? null
      : h('progress', {
          max: p.requiredCheckins,
          value: p.completedCheckins,
          'aria-label': `${p.text}: ${p.completedCheckins} of ${p.requiredCheckins} check-ins done`,
        }),
    compact
      ? null
      : h(
          'div',
          { class: 'plan-stats' },
          h('span', { class: 'stat', text: `${p.completedCheckins}/${p.requiredCheckins} check-ins` }),
          missed,
        ),
  );
}

/**
 * @param {import('../store.js').ChecklistItem[]} items
 * @param {{ canTick: boolean, onError?: (message: string) => void }} opts
 */
export function checklist(items, { canTick, onError }) {
  return h(
    'ul',
    { class: 'checklist' },
    items.map((item) => {
      const id = `check-${item.id}`;
      const cancelled = item.status === 'cancelled';
      if (!canTick) {
        return h(
          'li',
          { class: `check ${item.done ? 'done' : ''} ${cancelled ? 'cancelled' : ''}` },
          h('span', { class: 'check-mark', 'aria-hidden': 'true', text: item.done ? '✓' : '' }),
          h('span', { text: item.text }),
          h('span', { class: 'visually-hidden', text: item.done ? ' (done)' : cancelled ? ' (replaced)' : ' (to do)' }),
        );
      }
      const box = /** @type {HTMLInputElement} */ (
        h('input', {
          type: 'checkbox',
          id,
          checked: item.done,
          disabled: item.done || cancelled,
          'data-focus': id,
          on: {
            change: async () => {
              box.disabled = true;
              try {
                await api('POST', `/api/checklist/${item.id}/done`, {});
              } catch (err) {
                box.checked = false;
                box.disabled = false;
                onError?.(describeError(err));
              }
            },
          },
        })
      );
      return h('li', { class: `check ${item.done ? 'done' : ''}` }, box, h('label', { for: id, text: item.text }));
    }),
  );
}

/**
 * The whole steps block of one note.
 * @param {Steps} steps
 * @param {{ canTick: boolean, onError?: (m: string) => void, compact?: boolean }} opts
 */
export function stepsBlock(steps, opts) {
  const plan = steps.plan.filter((p) => !steps.cancelled || p.status !== 'cancelled' || opts.compact);
  return h(
    'div',
    { class: 'steps' },
    plan.length ? h('h4', { text: 'Plan' }) : null,
    plan.length
      ? h(
          'ul',
          { class: 'plan' },
          plan.map((p) => planItem(p, { compact: opts.compact })),
        )
      : null,
    steps.checklist.length ? h('h4', { text: 'Checklist' }) : null,
    steps.checklist.length ? checklist(steps.checklist, opts) : null,
    !plan.length && !steps.checklist.length
      ? h('p', { class: 'muted', text: 'No steps were found in this note.' })
      : null,
  );
}
