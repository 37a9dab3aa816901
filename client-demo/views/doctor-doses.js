// @ts-check
// The doctor's view of a patient's doses: open adherence alerts as banners with Acknowledge, and
// each plan item's taken / late / skipped / missed counts. The counts come from GET /adherence
// (the only read with "late"), refreshed as dose events arrive (dose-refresh.js); until that read
// lands, the plan items' own counters stand in (they carry no "late").
import { describeError } from '../api.js';
import { announce, h, replace } from '../dom.js';
import { openAlerts } from '../dose-store.js';
import { ackAlert } from '../doses-api.js';
import { activeSteps } from '../store.js';

/** @typedef {import('../store.js').PatientRecord} PatientRecord */

export function alertBanners() {
  const el = h('div', { class: 'alert-slot' });
  const error = h('p', { class: 'form-error', role: 'alert' });

  /** @param {PatientRecord} rec @param {string} patientName */
  function render(rec, patientName) {
    replace(
      el,
      openAlerts(rec).map((a) =>
        h(
          'div',
          { class: 'alert-banner', role: 'alert', 'data-alert': a.id },
          h(
            'p',
            {},
            h('strong', { text: 'Adherence alert: ' }),
            `${patientName} missed ${a.misses} doses in a row of ${a.text ?? 'a plan item'}.`,
          ),
          h('button', {
            type: 'button',
            class: 'btn btn-small',
            'data-focus': `ack:${a.id}`,
            text: 'Acknowledge',
            on: {
              click: async (/** @type {Event} */ e) => {
                const button = /** @type {HTMLButtonElement} */ (e.currentTarget);
                button.disabled = true;
                error.textContent = '';
                try {
                  await ackAlert(rec, a.id);
                  announce(`Alert acknowledged for ${patientName}.`);
                } catch (err) {
                  error.textContent = describeError(err);
                  button.disabled = false;
                }
              },
            },
          }),
        ),
      ),
      error,
    );
  }
  return { el, render };
}

const COLUMNS = /** @type {const} */ (['taken', 'late', 'skipped', 'missed']);

/** @param {PatientRecord} rec */
function rows(rec) {
  const plan = (activeSteps(rec)?.plan ?? []).filter((p) => !p.asNeeded && p.status !== 'draft');
  /** @type {Map<string, any>} */
  const read = new Map((rec.adherence?.items ?? []).map((/** @type {any} */ i) => [i.planItemId, i]));
  return plan.map((p) => {
    const r = read.get(p.id);
    return {
      id: p.id,
      text: p.text,
      counts: r ?? { taken: p.completedCheckins, late: null, skipped: p.skippedCount ?? 0, missed: p.missedCount },
      adherence: r?.adherence ?? null,
    };
  });
}

export function doseCounts() {
  const el = h('section', { class: 'dose-counts', 'aria-labelledby': 'counts-title' });
  /** @param {PatientRecord} rec */
  function render(rec) {
    const list = rows(rec);
    replace(
      el,
      h('h3', { id: 'counts-title', text: 'Doses per plan item' }),
      list.length
        ? h(
            'ul',
            { class: 'counts' },
            list.map((r) =>
              h(
                'li',
                { 'data-item': r.id },
                h('p', { class: 'counts-text', text: r.text }),
                h(
                  'p',
                  { class: 'counts-line' },
                  COLUMNS.map((c) =>
                    h(
                      'span',
                      { class: `count ${c}` },
                      `${c[0].toUpperCase()}${c.slice(1)} `,
                      h('b', { text: r.counts[c] ?? '–' }),
                    ),
                  ),
                  h(
                    'span',
                    { class: 'count adherence' },
                    'Adherence ',
                    h('b', { text: r.adherence === null ? '–' : `${r.adherence}%` }),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted', text: 'No scheduled doses on the current plan.' }),
    );
  }
  return { el, render };
}
