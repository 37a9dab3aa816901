// @ts-check
// The doctor's patient detail pane: the chosen patient's name and adherence, a banner when steps
// could not be extracted from the latest note, the timeline, the note composer and the plan box.
// With no patient chosen it is a placeholder that says what to do next.
import { h, replace } from '../dom.js';
import { adherence, record, store } from '../store.js';
import { markThreadRead } from '../messages-api.js';
import { noteComposer } from './doctor-composer.js';
import { messageComposer } from './message-composer.js';
import { adherenceGlance } from './adherence-view.js';
import { alertBanners, doseCounts } from './doctor-doses.js';
import { planBox } from './doctor-plan.js';
import { renderTimeline } from './timeline.js';

/**
 * @param {{ id: string, name: string }} me
 * @param {{ fresh: Set<string> }} ui
 * @param {() => string | null} selectedId
 */
export function patientPanel(me, ui, selectedId) {
  const panel = h('section', { class: 'card main-card patient-panel', 'aria-label': 'Patient' });
  const head = h('div', { class: 'card-head' });
  const alertBox = h('div');
  const alerts = alertBanners();
  const counts = doseCounts();
  const glance = adherenceGlance({ days: 30, title: 'Adherence, last 30 days', csv: true, patientId: selectedId });
  const timeline = h('div', { class: 'timeline-box', tabindex: '0', 'aria-label': 'Care timeline' });
  const plan = planBox(render);
  const composer = noteComposer(selectedId, ui);
  const reply = messageComposer(
    selectedId,
    'A message is a chat line to the patient: it never becomes steps. Write a note for that.',
  );

  function render() {
    const selected = selectedId();
    const patient = selected ? store.patients.get(selected) : undefined;
    if (!patient || !selected) {
      replace(
        panel,
        store.patients.size
          ? h(
              'div',
              { class: 'placeholder' },
              h('h2', { text: 'Choose a patient' }),
              h('p', { class: 'muted', text: 'Pick a patient from the list to see their timeline and write a note.' }),
            )
          : h(
              'div',
              { class: 'placeholder' },
              h('h2', { text: 'Waiting for your first patient' }),
              h('p', {
                class: 'muted',
                text: 'Patients sign up in Carebeat and choose you as their doctor; they appear on the left the moment they do.',
              }),
              h('p', {
                class: 'muted',
                text: 'Trying Carebeat out? Open it in a private window, sign up as a patient and choose yourself.',
              }),
            ),
      );
      return;
    }
    const rec = record(selected);
    const a = adherence(rec);
    replace(
      head,
      h('h2', { id: 'panel-title', tabindex: '-1', 'data-focus': 'panel-title', text: patient.name }),
      h('span', {
        class: 'muted',
        text:
          a.kind === 'missed'
            ? `${a.missed} missed dose${a.missed === 1 ? '' : 's'} on the current plan`
            : a.kind === 'ok'
              ? 'Taking doses on time'
              : a.kind === 'review'
                ? 'A note waits for your review'
                : '',
      }),
    );
    const newest = [...rec.notes.values()].sort((x, y) => x.createdAt.localeCompare(y.createdAt)).at(-1);
    replace(
      alertBox,
      newest?.status === 'failed' && !plan.editing()
        ? h(
            'div',
            { class: 'failed banner-failed', role: 'alert' },
            h('strong', { text: 'Steps could not be extracted from your latest note. ' }),
            h('span', { text: newest.failureReason ?? '' }),
            h('button', {
              type: 'button',
              class: 'btn btn-small',
              text: 'Write the steps yourself',
              on: { click: () => plan.edit(newest.id) },
            }),
          )
        : null,
    );
    if (!rec.loaded) replace(timeline, h('p', { class: 'muted', role: 'status', text: 'Loading…' }));
    else
      renderTimeline(timeline, rec, {
        perspective: 'doctor',
        doctorName: () => me.name,
        patientName: patient.name,
        fresh: ui.fresh,
        onCorrect: plan.edit,
      });
    plan.render(rec);
    alerts.render(rec, patient.name);
    counts.render(rec);
    glance.render(rec);
    composer.update();
    reply.setLabel(`Message to ${patient.name}`);
    if (rec.loaded) markThreadRead(selected, me.id);
    /** @type {HTMLElement} */ (composer.querySelector('#note-label')).textContent = `New note for ${patient.name}`;
    // The parts are built once and only re-attached after the placeholder took their place, so
    // live re-renders keep the composer's draft and the editor's unsaved changes.
    if (!panel.contains(head))
      panel.replaceChildren(
        head,
        alerts.el,
        alertBox,
        glance.el,
        h(
          'div',
          { class: 'panel-grid' },
          h('div', { class: 'panel-main' }, timeline, reply.el, composer),
          h('div', { class: 'panel-plan' }, plan.el, counts.el),
        ),
      );
  }

  /** Another patient was chosen: drop the previous one's half-done correction and unsent draft. */
  function reset() {
    plan.reset();
    /** @type {HTMLTextAreaElement} */ (composer.querySelector('textarea')).value = '';
    composer.update();
    reply.reset();
  }

  return { el: panel, timeline, render, reset };
}
