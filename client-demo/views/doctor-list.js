// @ts-check
// The doctor's patient list: one button per patient with live badges (new, on track, missed) and
// progress on the current plan. "New patient" marks survive a reload through localStorage, kept
// per doctor so two doctors sharing a browser never see each other's marks.
import { h, replace } from '../dom.js';
import { openAlerts } from '../dose-store.js';
import { activeSteps, adherence, store } from '../store.js';

const newKey = (/** @type {string} */ id) => `carebeat:new-patients:${id}`;
const BADGE = /** @type {Record<string, [string, string]>} */ ({
  none: ['No plan yet', 'chip-muted'],
  ok: ['On track', 'chip-ok'],
  done: ['Plan done', 'chip-ok'],
  review: ['Needs review', 'chip-due'],
});

/** "3/9 doses taken" over the current plan, or nothing. @param {import('../store.js').PatientRecord | undefined} rec */
function progressLine(rec) {
  const plan = rec ? (activeSteps(rec)?.plan ?? []) : [];
  if (!plan.length) return null;
  const done = plan.reduce((n, p) => n + p.completedCheckins, 0);
  const required = plan.reduce((n, p) => n + p.requiredCheckins, 0);
  return h('span', { class: 'patient-progress', text: `${done}/${required} doses taken on the current plan` });
}

/** Puts back the "New patient" marks this doctor had not opened yet before the reload. @param {string} doctorId */
export function restoreNewMarks(doctorId) {
  for (const id of JSON.parse(localStorage.getItem(newKey(doctorId)) ?? '[]')) {
    const p = store.patients.get(id);
    if (p) p.isNew = true;
  }
}

/**
 * @param {string} doctorId
 * @param {{ fresh: Set<string> }} ui
 * @param {(patientId: string) => void} onSelect
 */
export function patientList(doctorId, ui, onSelect) {
  const list = h('nav', { class: 'card patients', 'aria-labelledby': 'patients-title' });

  /** @param {string | null} selected */
  function render(selected) {
    localStorage.setItem(
      newKey(doctorId),
      JSON.stringify([...store.patients.values()].filter((p) => p.isNew).map((p) => p.id)),
    );
    const patients = [...store.patients.values()];
    replace(
      list,
      h('h2', { id: 'patients-title', text: `Your patients (${patients.length})` }),
      patients.length
        ? h(
            'ul',
            { class: 'patient-list' },
            patients.map((p) => {
              const a = adherence(store.records.get(p.id));
              const [label, cls] = a.kind === 'missed' ? [`Missed ${a.missed}`, 'chip-missed'] : BADGE[a.kind];
              const alerts = openAlerts(store.records.get(p.id)).length;
              return h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: `patient ${p.id === selected ? 'selected' : ''} ${ui.fresh.has(`patient:${p.id}`) ? 'is-new' : ''}`,
                    'aria-current': p.id === selected ? 'true' : null,
                    'data-focus': `patient:${p.id}`,
                    on: { click: () => onSelect(p.id) },
                  },
                  h('span', { class: 'patient-name', text: p.name }),
                  p.email ? h('span', { class: 'patient-email', text: p.email }) : null,
                  progressLine(store.records.get(p.id)),
                  h(
                    'span',
                    { class: 'badges' },
                    p.isNew ? h('span', { class: 'chip chip-new', text: 'New patient' }) : null,
                    alerts ? h('span', { class: 'chip chip-missed alert-chip', text: `Alert (${alerts})` }) : null,
                    h('span', { class: `chip ${cls}`, text: label }),
                  ),
                ),
              );
            }),
          )
        : h('p', {
            class: 'muted',
            text: 'No patients yet. When a patient chooses you as their doctor, they appear here right away.',
          }),
    );
  }

  return { el: list, render };
}
