// @ts-check
// The busy doctor's patient list (issue 15): who needs attention first (the server's order), a
// search box (debounced), filter chips (alerts / overdue / no plan), and per patient the open
// alerts, unread messages (when the server sends them), missed doses in 7 days, overdue now,
// adherence over 7 and 30 days, the last dose taken and the next due. Figures come from desk.js,
// read again on events. For 500 rows the list is rebuilt off-document into one fragment and put in
// with one replaceChildren, and only when what it shows changed (not on every store change).
// "New patient" marks survive a reload through localStorage, kept per doctor.
import { h, plural, when } from '../dom.js';
import { desk, loadDesk, loadDeskSoon, watchAcks } from '../desk.js';
import { adherence, store } from '../store.js';

const newKey = (/** @type {string} */ id) => `carebeat:new-patients:${id}`;
const FILTERS = /** @type {const} */ ([
  ['', 'All'],
  ['alerts', 'Alerts'],
  ['overdue', 'Overdue'],
  ['no-plan', 'No plan'],
]);

/** Puts back the "New patient" marks this doctor had not opened yet before the reload. @param {string} doctorId */
export function restoreNewMarks(doctorId) {
  for (const id of JSON.parse(localStorage.getItem(newKey(doctorId)) ?? '[]')) {
    const p = store.patients.get(id);
    if (p) p.isNew = true;
  }
}

const pct = (/** @type {number | null | undefined} */ n) => (n === null || n === undefined ? '–' : `${n}%`);

/** The one-word state: what a doctor scanning the list should read first. @param {any} p */
function stateChip(p) {
  if (p.activeItems === 0) return ['No plan yet', 'chip-muted'];
  if (p.missedLast7Days > 0) return [`Missed ${p.missedLast7Days}`, 'chip-missed'];
  if (p.overdueNow > 0) return ['Due now', 'chip-due'];
  if (p.adherence7d !== null && p.adherence7d !== undefined) return ['On track', 'chip-ok'];
  return ['No dose due yet', 'chip-muted'];
}

/** @param {any} p @param {boolean} selected @param {boolean} fresh @param {(id: string) => void} onSelect */
function row(p, selected, fresh, onSelect) {
  const [label, cls] = stateChip(p);
  const known = p.openAlerts !== undefined;
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: `patient desk-row${selected ? ' selected' : ''}${fresh ? ' is-new' : ''}`,
        'aria-current': selected ? 'true' : null,
        'data-focus': `patient:${p.id}`,
        'data-patient': p.id,
        on: { click: () => onSelect(p.id) },
      },
      h('span', { class: 'patient-name', text: p.name }),
      p.email ? h('span', { class: 'patient-email', text: p.email }) : null,
      h(
        'span',
        { class: 'badges' },
        p.isNew ? h('span', { class: 'chip chip-new', text: 'New patient' }) : null,
        p.openAlerts ? h('span', { class: 'chip chip-missed alert-chip', text: `Alert (${p.openAlerts})` }) : null,
        // Known only from a record this page holds (a steps:review event, an opened patient).
        store.records.has(p.id) && adherence(store.records.get(p.id)).kind === 'review'
          ? h('span', { class: 'chip chip-due', text: 'Needs review' })
          : null,
        p.unreadMessages
          ? h('span', { class: 'chip chip-new unread-chip', text: `${plural(p.unreadMessages, 'unread message')}` })
          : null,
        known ? h('span', { class: `chip ${cls}`, text: label }) : null,
      ),
      known
        ? h(
            'span',
            { class: 'desk-figures' },
            h('span', { class: 'fig' }, 'Missed 7d ', h('b', { text: p.missedLast7Days })),
            h('span', { class: 'fig' }, 'Overdue ', h('b', { text: p.overdueNow })),
            h(
              'span',
              { class: 'fig' },
              'Adherence 7d ',
              h('b', { text: pct(p.adherence7d) }),
              ' · 30d ',
              h('b', { text: pct(p.adherence30d) }),
            ),
          )
        : null,
      known && (p.lastTakenAt || p.nextDueAt)
        ? h(
            'span',
            { class: 'desk-times' },
            p.lastTakenAt ? h('span', { class: 'fig', text: `Last taken ${when(p.lastTakenAt)}` }) : null,
            p.nextDueAt ? h('span', { class: 'fig', text: `Next due ${when(p.nextDueAt)}` }) : null,
          )
        : null,
    ),
  );
}

/**
 * @param {string} doctorId
 * @param {{ fresh: Set<string> }} ui
 * @param {(patientId: string) => void} onSelect
 */
export function patientList(doctorId, ui, onSelect) {
  const title = h('h2', { id: 'patients-title' });
  const search = /** @type {HTMLInputElement} */ (
    h('input', {
      type: 'search',
      id: 'patient-search',
      class: 'desk-search',
      placeholder: 'Name or email',
      autocomplete: 'off',
      value: desk.q,
      on: {
        input: () => {
          desk.q = search.value;
          loadDeskSoon(undefined, true);
        },
      },
    })
  );
  const chips = FILTERS.map(([value, text]) =>
    h('button', {
      type: 'button',
      class: 'chip-toggle',
      'data-filter': value || 'all',
      'aria-pressed': String(desk.filter === value),
      text,
      on: {
        click: () => {
          desk.filter = value;
          for (const c of chips) c.setAttribute('aria-pressed', String(c.dataset.filter === (value || 'all')));
          void loadDesk();
        },
      },
    }),
  );
  const status = h('p', { class: 'muted desk-status', role: 'status' });
  const ul = h('ul', { class: 'patient-list desk-list' });
  const empty = h('p', {
    class: 'muted',
    text: 'No patients yet. When a patient chooses you as their doctor, they appear here right away.',
  });
  const list = h(
    'nav',
    { class: 'card patients', 'aria-labelledby': 'patients-title' },
    title,
    h('label', { class: 'desk-search-label', for: 'patient-search', text: 'Search patients' }),
    search,
    h('div', { class: 'desk-filters', role: 'group', 'aria-label': 'Show' }, chips),
    status,
    ul,
  );
  let drawn = '';
  /** @type {string | null} */
  let drawnSelected = null;

  /** @param {string | null} selected */
  function render(selected) {
    watchAcks();
    const all = [...store.patients.values()];
    localStorage.setItem(newKey(doctorId), JSON.stringify(all.filter((p) => p.isNew).map((p) => p.id)));
    // Rows in the server's order; a patient who just arrived (an event, before the next read) on top.
    const listed = new Set(desk.rows.map((r) => r.id));
    const arrived = desk.q || desk.filter ? [] : all.filter((p) => !listed.has(p.id));
    const rows = [
      ...arrived,
      ...desk.rows.filter((r) => store.patients.has(r.id)).map((r) => store.patients.get(r.id) ?? r),
    ];
    const marks = all
      .filter((p) => p.isNew || ui.fresh.has(`patient:${p.id}`))
      .map((p) => `${p.id}${p.isNew ? 'n' : ''}`);
    const key = `${desk.version}|${all.length}|${rows.length}|${marks.join()}`;
    if (key === drawn) {
      if (selected === drawnSelected) return;
      drawnSelected = selected;
      // Only the selection moved: two rows change, not five hundred.
      for (const b of ul.querySelectorAll('.patient')) {
        const on = /** @type {HTMLElement} */ (b).dataset.patient === selected;
        b.classList.toggle('selected', on);
        if (on) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      }
      return;
    }
    drawn = key;
    drawnSelected = selected;
    title.textContent = `Your patients (${all.length})`;
    const filtered = Boolean(desk.q || desk.filter);
    status.textContent = desk.error
      ? `The list could not be read: ${desk.error}`
      : filtered
        ? `Showing ${rows.length} of ${all.length}`
        : '';
    const t0 = performance.now();
    const focused =
      document.activeElement instanceof HTMLElement && ul.contains(document.activeElement)
        ? document.activeElement.dataset.focus
        : undefined;
    const frag = document.createDocumentFragment();
    for (const p of rows) frag.append(row(p, p.id === selected, ui.fresh.has(`patient:${p.id}`), onSelect));
    ul.replaceChildren(frag);
    ul.hidden = rows.length === 0;
    if (!all.length) ul.after(empty);
    else empty.remove();
    if (filtered && !rows.length) status.textContent = 'No patient matches.';
    if (focused) /** @type {HTMLElement | null} */ (ul.querySelector(`[data-focus="${CSS.escape(focused)}"]`))?.focus();
    // The browser test reads this measure (issue 15: the render time of a long list).
    performance.measure('desk:render', { start: t0, detail: { rows: rows.length } });
  }

  return { el: list, render };
}
