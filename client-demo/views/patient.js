// @ts-check
// The patient's screen: what is due now (with a big Check in button), the plan with progress,
// the checklist, notifications, and the timeline of everything from their doctor. This file only
// lays the parts out and redraws them on every store change; each part lives in its own module.
import { h } from '../dom.js';
import { record, store, subscribe } from '../store.js';
import { dueCard } from './patient-due.js';
import { doctorPicker } from './patient-doctor.js';
import { planChangedBanner, planPanel } from './patient-plan.js';
import { pushCard } from './push.js';
import { renderTimeline } from './timeline.js';

/** @param {HTMLElement} root @param {{ fresh: Set<string> }} ui */
export function renderPatient(root, ui) {
  const me = /** @type {NonNullable<typeof store.user>} */ (store.user);
  const rec = record(me.id);
  const message = h('p', { class: 'form-error', role: 'alert' });
  const showError = (/** @type {string} */ m) => {
    message.textContent = m;
  };
  const banner = planChangedBanner(rec);
  const due = dueCard(rec, ui, showError);
  const plan = planPanel(rec, showError);
  const picker = doctorPicker(showError);
  const timeline = h('div', { class: 'timeline-box', tabindex: '0', 'aria-label': 'Care timeline' });
  const doctorName = (/** @type {string} */ id) => store.doctors.find((d) => d.id === id)?.name ?? 'Your doctor';

  function render() {
    banner.render();
    due.render();
    plan.render();
    renderTimeline(timeline, rec, { perspective: 'patient', doctorName, patientName: me.name, fresh: ui.fresh });
  }

  root.replaceChildren(
    h(
      'div',
      { class: 'patient-view' },
      picker.chooseSlot,
      banner.el,
      message,
      h(
        'div',
        { class: 'layout' },
        h('div', { class: 'side' }, due.el, plan.plan, plan.todo, pushCard()),
        h(
          'section',
          { class: 'card main-card', 'aria-labelledby': 'timeline-title' },
          h('div', { class: 'card-head' }, picker.title),
          picker.doctorBox,
          timeline,
        ),
      ),
    ),
  );
  // The picker redraws on its own (choosing, refreshing the list), not on every store change.
  picker.render();
  render();
  return subscribe(render);
}
