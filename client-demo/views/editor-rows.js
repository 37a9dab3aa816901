// @ts-check
// The correction editor's rows: one plan item with every v2 timing field (how often, the unit,
// times of day, weekdays, meal moments, ongoing or for how many days, the start day); a checklist
// task with its due day is in editor-checks.js. Each row keeps the item's id and source in data attributes
// and reads itself back as the correction's item.
import { h } from '../dom.js';
import { DAY_WORD } from '../timing.js';

const UNITS = /** @type {const} */ ([
  ['h', 'hours'],
  ['d', 'days'],
  ['wk', 'weeks'],
  ['mo', 'months'],
]);
const WHEN = ['morning', 'noon', 'evening', 'bedtime', 'before-meals', 'with-meals', 'after-meals'];
let n = 0;
/** A fresh id for a row's inputs. @param {string} prefix */
export const nextId = (prefix) => `${prefix}-${++n}`;

/** @param {string} label @param {HTMLElement} input @param {string} [cls] */
export const field = (label, input, cls = 'num') =>
  h('div', { class: `field ${cls}` }, h('label', { for: input.id, text: label }), input);
/** @param {string} id @param {string} name @param {string} value @param {Record<string, unknown>} [more] */
export const num = (id, name, value, more = {}) =>
  h('input', { id, name, type: 'number', inputmode: 'numeric', value, ...more });
/** @param {string} legend @param {string} name @param {Array<[string, string]>} options @param {string[]} chosen */
function checks(legend, name, options, chosen) {
  return h(
    'fieldset',
    { class: `checks ${name}` },
    h('legend', { text: legend }),
    options.map(([value, label]) =>
      h(
        'label',
        { class: 'check-opt' },
        h('input', { type: 'checkbox', name, value, checked: chosen.includes(value) }),
        label,
      ),
    ),
  );
}

/** @param {HTMLElement} row @param {string} what */
export const removeButton = (row, what) =>
  h('button', {
    type: 'button',
    class: 'btn btn-small btn-quiet remove',
    'aria-label': `Remove ${what}`,
    text: 'Remove',
    on: { click: () => row.remove() },
  });

/** @typedef {{ id?: string, text: string, asNeeded: boolean, timing: import('../timing.js').Timing | null, source: string }} PlanInput */

/** @param {Partial<PlanInput>} p */
export function planRow(p) {
  const id = `ep-${++n}`;
  const t = p.timing;
  const row = h('li', { class: 'edit-row plan-row', 'data-id': p.id ?? '', 'data-source': p.source ?? '' });
  const ongoing = /** @type {HTMLInputElement} */ (
    h('input', {
      id: `${id}-ongoing`,
      type: 'checkbox',
      name: 'plan-ongoing',
      checked: t ? t.durationDays === null : false,
    })
  );
  const days = /** @type {HTMLInputElement} */ (
    num(`${id}-d`, 'plan-days', t?.durationDays ? String(t.durationDays) : '', {
      min: '1',
      max: '365',
      disabled: ongoing.checked,
    })
  );
  ongoing.addEventListener('change', () => {
    days.disabled = ongoing.checked;
  });
  row.append(
    h(
      'div',
      { class: 'edit-line' },
      field(
        'What to do',
        h('input', { id, name: 'plan-text', value: p.text ?? '', maxlength: '500', required: true }),
        'grow',
      ),
      h(
        'label',
        { class: 'check-opt' },
        h('input', { type: 'checkbox', name: 'plan-prn', checked: p.asNeeded ?? false }),
        'As needed',
      ),
      removeButton(row, 'plan item'),
    ),
    h(
      'div',
      { class: 'edit-line' },
      field('Times', num(`${id}-f`, 'plan-freq', t ? String(t.frequency) : '', { min: '1', max: '24' })),
      field('Every', num(`${id}-p`, 'plan-period', String(t?.period ?? 1), { min: '1', max: '365' })),
      field(
        'Unit',
        h(
          'select',
          { id: `${id}-u`, name: 'plan-unit' },
          UNITS.map(([v, label]) => h('option', { value: v, text: label, selected: (t?.periodUnit ?? 'd') === v })),
        ),
      ),
      field(
        'Times of day',
        h('input', {
          id: `${id}-t`,
          name: 'plan-times',
          value: t?.timeOfDay.join(', ') ?? '',
          placeholder: '08:00, 20:00',
        }),
        'mid',
      ),
    ),
    checks(
      'Weekdays',
      'plan-dow',
      Object.entries(DAY_WORD).map(([v, w]) => [v, w.slice(0, 3)]),
      t?.dayOfWeek ?? [],
    ),
    checks(
      'When',
      'plan-when',
      WHEN.map((w) => [w, w.replace('-', ' ')]),
      t?.when ?? [],
    ),
    h(
      'div',
      { class: 'edit-line' },
      h('label', { class: 'check-opt', for: ongoing.id }, ongoing, 'Ongoing'),
      field('For days', days),
      field('Starts in (days)', num(`${id}-s`, 'plan-start', String(t?.startDay ?? 0), { min: '0', max: '365' })),
    ),
  );
  return row;
}

/** @param {Element} row @param {string} name */
export const value = (row, name) => /** @type {HTMLInputElement} */ (row.querySelector(`[name=${name}]`)).value.trim();
/** @param {Element} row @param {string} name */
const checked = (row, name) =>
  [...row.querySelectorAll(`[name=${name}]:checked`)].map((i) => /** @type {HTMLInputElement} */ (i).value);
/** '' → null; otherwise a number (NaN when not one). @param {string} s */
export const numberOrNull = (s) => (s === '' ? null : Number(s));

/** The row as a correction's plan item, or an error message. @param {HTMLElement} row @returns {PlanInput | string} */
export function readPlanRow(row) {
  const text = value(row, 'plan-text');
  const asNeeded = /** @type {HTMLInputElement} */ (row.querySelector('[name=plan-prn]')).checked;
  const source = row.dataset.source ?? '';
  const base = { ...(row.dataset.id ? { id: row.dataset.id } : {}), text, asNeeded, source };
  if (!text) return 'Every item needs some text (or remove it).';
  const frequency = numberOrNull(value(row, 'plan-freq'));
  if (frequency === null) return asNeeded ? { ...base, timing: null } : `“${text}”: say how many times.`;
  const ongoing = /** @type {HTMLInputElement} */ (row.querySelector('[name=plan-ongoing]')).checked;
  const timing = {
    frequency,
    period: Number(value(row, 'plan-period')),
    periodUnit: /** @type {any} */ (value(row, 'plan-unit')),
    dayOfWeek: /** @type {any[]} */ (checked(row, 'plan-dow')),
    timeOfDay: value(row, 'plan-times')
      .split(/[\s,]+/)
      .filter(Boolean),
    when: /** @type {any[]} */ (checked(row, 'plan-when')),
    durationDays: ongoing ? null : numberOrNull(value(row, 'plan-days')),
    startDay: Number(value(row, 'plan-start') || '0'),
  };
  const whole = (/** @type {number | null} */ x, /** @type {number} */ lo, /** @type {number} */ hi) =>
    x !== null && Number.isInteger(x) && x >= lo && x <= hi;
  if (!whole(timing.frequency, 1, 24)) return `“${text}”: times must be a whole number from 1 to 24.`;
  if (!whole(timing.period, 1, 365)) return `“${text}”: every must be a whole number from 1 to 365.`;
  if (!ongoing && !whole(timing.durationDays, 1, 365))
    return `“${text}”: for days must be a whole number from 1 to 365, or tick Ongoing.`;
  if (!whole(timing.startDay, 0, 365)) return `“${text}”: starts in must be a whole number of days from 0 to 365.`;
  if (timing.timeOfDay.some((x) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(x)))
    return `“${text}”: times of day are written like 08:00, 20:00.`;
  if (timing.dayOfWeek.length && (timing.periodUnit !== 'wk' || timing.dayOfWeek.length !== timing.frequency))
    return `“${text}”: with weekdays, the unit is weeks and times is the number of days ticked.`;
  return { ...base, timing };
}
