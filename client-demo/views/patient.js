// @ts-check
// The patient's screen: the doses due now (Take, Skip, Snooze), today's doses and the next one,
// as-needed items, the plan with progress, the checklist, the week calendar, their day's settings
// and the timeline of everything from their doctor. This file only lays the parts out and redraws
// them on every store change; each part lives in its own module.
import { h } from '../dom.js';
import { loadCalendar } from '../doses-api.js';
import { record, store, subscribe } from '../store.js';
import { markThreadRead } from '../messages-api.js';
import { adherenceGlance } from './adherence-view.js';
import { messageComposer } from './message-composer.js';
import { dueCard } from './patient-due.js';
import { doctorPicker } from './patient-doctor.js';
import { planChangedBanner, planPanel } from './patient-plan.js';
import { prnCard } from './patient-prn.js';
import { settingsCard } from './patient-settings.js';
import { todayCard, weekCard } from './patient-today.js';
import { pushCard } from './push.js';
import { renderTimeline } from './timeline.js';

/** A snooze ends on the clock, not on an event: redraw now and then so "Snoozed" clears. */
const TICK_MS = 5_000;

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
  const today = todayCard(rec);
  const week = weekCard(rec);
  const glance = adherenceGlance({ days: 7, title: 'Your week', csv: false, patientId: () => me.id, reload: true });
  glance.el.classList.add('card');
  const prn = prnCard(rec);
  const plan = planPanel(rec, showError);
  const picker = doctorPicker(showError);
  const timeline = h('div', { class: 'timeline-box', tabindex: '0', 'aria-label': 'Care timeline' });
  const composer = messageComposer(
    () => me.id,
    'Side effects, a question about your plan: your doctor sees it at once. In an emergency, call for help.',
  );
  const doctorName = (/** @type {string} */ id) => store.doctors.find((d) => d.id === id)?.name ?? 'Your doctor';

  function render() {
    banner.render();
    due.render();
    today.render();
    week.render();
    glance.render(rec);
    prn.render();
    plan.render();
    renderTimeline(timeline, rec, { perspective: 'patient', doctorName, patientName: me.name, fresh: ui.fresh });
    // A message needs a doctor to go to; what is on screen is read.
    composer.el.hidden = !store.doctor;
    if (store.doctor) composer.setLabel(`Message to ${store.doctor.name}`);
    markThreadRead(me.id, me.id);
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
        h('div', { class: 'side' }, due.el, today.el, prn.el, plan.plan, plan.todo, settingsCard(me.id), pushCard()),
        h(
          'div',
          { class: 'main-col' },
          week.el,
          glance.el,
          h(
            'section',
            { class: 'card main-card', 'aria-labelledby': 'timeline-title' },
            h('div', { class: 'card-head' }, picker.title),
            picker.doctorBox,
            timeline,
            composer.el,
          ),
        ),
      ),
    ),
  );
  // The picker redraws on its own (choosing, refreshing the list), not on every store change.
  picker.render();
  render();
  loadCalendar(me.id).catch((/** @type {unknown} */ err) => showError(String(err)));
  const tick = setInterval(render, TICK_MS);
  const unsubscribe = subscribe(render);
  return () => {
    clearInterval(tick);
    unsubscribe();
  };
}
