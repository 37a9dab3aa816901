// @ts-check
// As-needed items: never reminded, but each dose can be logged. Past the note's maximum for the
// day the server refuses with a warning; the patient reads it and, if they took it anyway, says
// so ("I already took it"), so nothing they took goes unrecorded.
import { ApiError, describeError } from '../api.js';
import { announce, h, replace, timeEl } from '../dom.js';
import { logPrn } from '../doses-api.js';
import { activeSteps, changed } from '../store.js';

/** @param {import('../store.js').PatientRecord} rec */
export function prnCard(rec) {
  const el = h('section', { class: 'card prn-card', 'aria-labelledby': 'prn-title' });
  /** The refusal shown per item until the patient confirms or logs again. @type {Map<string, string>} */
  const warnings = new Map();
  const busy = new Set();

  /** @param {import('../store.js').PlanItem} p @param {boolean} overMax */
  async function log(p, overMax) {
    if (busy.has(p.id)) return;
    busy.add(p.id);
    render();
    try {
      const out = await logPrn(p.id, overMax);
      rec.prn.set(out.prnDose.id, { ...out.prnDose, text: p.text });
      warnings.delete(p.id);
      announce(`Logged: ${p.text}.`);
    } catch (err) {
      warnings.set(p.id, err instanceof ApiError && err.code === 'PRN_MAX_REACHED' ? err.message : describeError(err));
    } finally {
      busy.delete(p.id);
      changed();
    }
  }

  function render() {
    const items = (activeSteps(rec)?.plan ?? []).filter((p) => p.asNeeded && p.status === 'active');
    el.hidden = items.length === 0;
    replace(
      el,
      h('h2', { id: 'prn-title', text: 'As needed' }),
      h(
        'ul',
        { class: 'prn-list' },
        items.map((p) => {
          const last = [...rec.prn.values()]
            .filter((x) => x.planItemId === p.id)
            .sort((a, b) => a.takenAt.localeCompare(b.takenAt))
            .at(-1);
          const warning = warnings.get(p.id);
          return h(
            'li',
            { class: 'prn-item', 'data-item': p.id },
            h('p', { class: 'prn-text', text: p.text }),
            last ? h('p', { class: 'hint' }, timeEl(last.takenAt, 'Last logged ')) : null,
            h('button', {
              type: 'button',
              class: 'btn btn-small',
              disabled: busy.has(p.id),
              'data-focus': `prn:${p.id}`,
              'aria-label': `Log a dose: ${p.text}`,
              text: 'Log a dose',
              on: { click: () => log(p, false) },
            }),
            warning
              ? h(
                  'div',
                  { class: 'prn-warning', role: 'alert' },
                  h('p', { text: warning }),
                  h('button', {
                    type: 'button',
                    class: 'btn btn-small',
                    disabled: busy.has(p.id),
                    'data-focus': `prn-over:${p.id}`,
                    text: 'I already took it',
                    on: { click: () => log(p, true) },
                  }),
                )
              : null,
          );
        }),
      ),
    );
  }
  return { el, render };
}
