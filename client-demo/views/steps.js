// @ts-check
// The steps of a note: the plan (recurring, with progress) and the checklist (one-off tasks).
// Shared by both views; only the patient gets tick boxes. Pointing at a step marks its source
// phrase in the note (highlight.js).
import { api, describeError } from '../api.js';
import { h } from '../dom.js';
import { describeTiming, statusWord } from '../timing.js';
import { sourceHandlers } from './highlight.js';

/** @typedef {import('../store.js').Steps} Steps @typedef {import('../store.js').PlanItem} PlanItem */

/** Who produced the steps, in words. @param {{ extractor: string | null, model: string | null }} s */
export function producedBy(s) {
  if (s.extractor === 'doctor') return 'Written by the doctor';
  if (s.extractor === 'gemini') return `Extracted by Gemini${s.model ? ` (${s.model})` : ''}`;
  if (s.extractor === 'noop') return 'No extractor configured';
  return 'Extracted automatically from the note';
}

/** "3 times a day for 7 days" @param {PlanItem} p */
export const schedule = (p) => describeTiming(p.timing, p.asNeeded);

const CHIP = /** @type {Record<string, string>} */ ({
  draft: 'chip-due',
  completed: 'chip-ok',
  incomplete: 'chip-missed',
  stopped: 'chip-muted',
});

/** @param {PlanItem} p @param {{ compact?: boolean }} [opts] */
export function planItem(p, { compact = false } = {}) {
  const word = statusWord(p);
  const status = word ? h('span', { class: `chip ${CHIP[p.status] ?? 'chip-muted'}`, text: word }) : null;
  const scheduled = !p.asNeeded && p.requiredCheckins > 0 && p.status !== 'draft';
  const missed =
    p.missedCount > 0
      ? h('span', { class: 'stat stat-missed', text: `${p.missedCount} missed` })
      : h('span', { class: 'stat stat-ok', text: 'None missed' });
  const skipped = p.skippedCount ? h('span', { class: 'stat', text: `${p.skippedCount} skipped` }) : null;
  return h(
    'li',
    { class: `plan-item ${p.status}`, tabindex: p.source ? '0' : null, ...sourceHandlers(p) },
    h('div', { class: 'plan-head' }, h('span', { class: 'plan-text', text: p.text }), status),
    h('div', { class: 'plan-meta', text: schedule(p) }),
    compact || !scheduled
      ? null
      : h('progress', {
          max: p.requiredCheckins,
          value: p.completedCheckins,
          'aria-label': `${p.text}: ${p.completedCheckins} of ${p.requiredCheckins} doses taken`,
        }),
    compact || !scheduled
      ? null
      : h(
          'div',
          { class: 'plan-stats' },
          h('span', { class: 'stat', text: `${p.completedCheckins}/${p.requiredCheckins} doses taken` }),
          skipped,
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
      const removed = item.status === 'removed';
      const due =
        item.dueAt && !item.done ? h('span', { class: 'hint due-by', text: ` by ${dueDay(item.dueAt)}` }) : null;
      if (!canTick) {
        return h(
          'li',
          { class: `check ${item.done ? 'done' : ''} ${removed ? 'removed' : ''}`, ...sourceHandlers(item) },
          h('span', { class: 'check-mark', 'aria-hidden': 'true', text: item.done ? '✓' : '' }),
          h('span', { text: item.text }),
          due,
          h('span', { class: 'visually-hidden', text: item.done ? ' (done)' : removed ? ' (removed)' : ' (to do)' }),
        );
      }
      const box = /** @type {HTMLInputElement} */ (
        h('input', {
          type: 'checkbox',
          id,
          checked: item.done,
          disabled: item.done || removed,
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
      return h(
        'li',
        { class: `check ${item.done ? 'done' : ''}`, ...sourceHandlers(item) },
        box,
        h('label', { for: id, text: item.text }),
        due,
      );
    }),
  );
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const dueDay = (/** @type {string} */ at) => dayFormat.format(new Date(at));

/**
 * The whole steps block of one note.
 * @param {Steps} steps
 * @param {{ canTick: boolean, onError?: (m: string) => void, compact?: boolean }} opts
 */
export function stepsBlock(steps, opts) {
  const plan = steps.plan.filter((p) => opts.compact || p.status !== 'stopped');
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
      ? h('p', {
          class: 'muted',
          text: steps.unclear?.length ? 'Nothing has started yet.' : 'No steps were found in this note.',
        })
      : null,
  );
}
