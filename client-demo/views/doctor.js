// @ts-check
// The doctor's screen: patients with live badges on the left; the chosen patient's timeline, a
// note composer, the current plan with who extracted it, and the correction editor on the right.
// This file owns the selection (kept in the URL hash so a reload reopens the patient) and redraws
// the list and the panel on every store change; each part lives in its own module.
import { describeError } from '../api.js';
import { h, replace } from '../dom.js';
import { loadAdherence, loadCalendar } from '../doses-api.js';
import { loadRecord } from '../loaders.js';
import { changed, store, subscribe } from '../store.js';
import { patientList, restoreNewMarks } from './doctor-list.js';
import { patientPanel } from './doctor-panel.js';
import { reviewPreference } from './preferences.js';

/** @param {HTMLElement} root @param {{ fresh: Set<string> }} ui */
export function renderDoctor(root, ui) {
  const me = /** @type {NonNullable<typeof store.user>} */ (store.user);
  restoreNewMarks(me.id);
  let selected = /** @type {string | null} */ (null);
  const list = patientList(me.id, ui, select);
  const pane = patientPanel(me, ui, () => selected);

  /** @param {string} id */
  async function select(id) {
    if (selected !== id) pane.reset();
    selected = id;
    history.replaceState(null, '', `#patient/${id}`);
    const p = store.patients.get(id);
    if (p) p.isNew = false;
    pane.timeline.replaceChildren();
    changed();
    try {
      // The counts are extra: the record shows without them if the read fails.
      await Promise.all([loadRecord(id), loadAdherence(id).catch(() => {}), loadCalendar(id).catch(() => {})]);
    } catch (err) {
      replace(pane.timeline, h('p', { class: 'form-error', role: 'alert', text: describeError(err) }));
      return;
    }
    changed();
    /** @type {HTMLElement | null} */ (pane.el.querySelector('#panel-title'))?.focus();
  }

  function render() {
    if (selected && !store.patients.has(selected)) selected = null;
    list.render(selected);
    pane.render();
  }

  root.replaceChildren(
    h('div', { class: 'doctor-view layout' }, h('div', { class: 'side' }, reviewPreference(), list.el), pane.el),
  );
  const fromHash = /^#patient\/(.+)$/.exec(location.hash)?.[1];
  render();
  if (fromHash && store.patients.has(fromHash)) void select(fromHash);
  return subscribe(render);
}
