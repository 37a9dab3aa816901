// @ts-check
// The patient's screen: what is due now (with a big Check in button), the plan with progress,
// the checklist, notifications, and the timeline of everything from their doctor.
import { api, describeError } from '../api.js';
import { announce, h, replace, timeEl } from '../dom.js';
import { activeSteps, changed, mergeReminder, record, store, subscribe } from '../store.js';
import { checklist, planItem, producedBy } from './steps.js';
import { pushCard } from './push.js';
import { renderTimeline } from './timeline.js';

/** @param {HTMLElement} root @param {{ fresh: Set<string> }} ui */
export function renderPatient(root, ui) {
  const me = /** @type {NonNullable<typeof store.user>} */ (store.user);
  const rec = record(me.id);
  const dismissed = new Set();
  const message = h('p', { class: 'form-error', role: 'alert' });
  const banner = h('div', { class: 'banner-slot' });
  const due = h('section', { class: 'card due-card', 'aria-labelledby': 'due-title' });
  const plan = h('section', { class: 'card plan-card', 'aria-labelledby': 'plan-title' });
  const todo = h('section', { class: 'card todo-card', 'aria-labelledby': 'todo-title' });
  const doctorBox = h('div', { class: 'doctor-box' });
  /** Without a doctor nothing else can happen yet, so choosing one comes first, above everything. */
  const chooseSlot = h('div');
  const timeline = h('div', { class: 'timeline-box', tabindex: '0', 'aria-label': 'Care timeline' });
  const timelineTitle = h('h2', { id: 'timeline-title' });
  const doctorName = (/** @type {string} */ id) => store.doctors.find((d) => d.id === id)?.name ?? 'Your doctor';
  const showError = (/** @type {string} */ m) => {
    message.textContent = m;
  };

  async function checkIn(/** @type {import('../store.js').Reminder} */ r, /** @type {HTMLButtonElement} */ button) {
    button.disabled = true;
    message.textContent = '';
    try {
      const res = await api('POST', `/api/reminders/${r.id}/checkin`, {});
      // The check-in event's time wins (a reload shows that one); the local clock stands in until it lands.
      mergeReminder(rec, {
        ...res.reminder,
        checkedAt: rec.reminders.get(r.id)?.checkedAt ?? new Date().toISOString(),
      });
      ui.fresh.add(`checkin:${r.id}`);
      announce(`Checked in: ${r.text}.`);
      changed();
    } catch (err) {
      showError(describeError(err));
      button.disabled = false;
    }
  }

  function renderDue() {
    const list = [...rec.reminders.values()]
      .filter((r) => r.status === 'due')
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    due.hidden = list.length === 0;
    replace(
      due,
      h('h2', { id: 'due-title', text: list.length > 1 ? `${list.length} reminders are due` : 'Time to check in' }),
      h(
        'ul',
        { class: 'due-list' },
        list.map((r) => {
          const button = /** @type {HTMLButtonElement} */ (
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-checkin',
                'data-focus': `checkin:${r.id}`,
                'aria-label': `Check in: ${r.text}`,
                on: { click: () => checkIn(r, button) },
              },
              'Check in',
            )
          );
          return h(
            'li',
            { class: 'due-item' },
            h('p', { class: 'due-text', text: r.text }),
            h('p', { class: 'hint' }, timeEl(r.dueAt, 'Due since ')),
            button,
          );
        }),
      ),
    );
  }

  function renderPlan() {
    const steps = activeSteps(rec);
    const items = steps?.plan.filter((p) => p.status !== 'cancelled') ?? [];
    replace(
      plan,
      h('h2', { id: 'plan-title', text: 'Your plan' }),
      steps ? h('p', { class: 'extractor', text: producedBy(steps) }) : null,
      items.length
        ? h(
            'ul',
            { class: 'plan' },
            items.map((p) => planItem(p)),
          )
        : h('p', {
            class: 'muted',
            text: 'No plan yet. When your doctor writes a note, the things to do every day appear here.',
          }),
    );
    const open = steps?.checklist.filter((c) => c.status !== 'cancelled') ?? [];
    replace(
      todo,
      h('h2', { id: 'todo-title', text: 'Checklist' }),
      open.length
        ? checklist(open, { canTick: true, onError: showError })
        : h('p', { class: 'muted', text: 'Nothing to tick off.' }),
    );
  }

  function renderBanner() {
    const r = rec.replaced;
    if (!r || dismissed.has(r.byNoteId) || !activeSteps(rec)) {
      banner.replaceChildren();
      return;
    }
    const close = h('button', {
      type: 'button',
      class: 'btn btn-small',
      text: 'Got it',
      on: {
        click: () => {
          dismissed.add(r.byNoteId);
          renderBanner();
        },
      },
    });
    replace(
      banner,
      h(
        'div',
        { class: 'banner', role: 'status' },
        h(
          'p',
          {},
          h('strong', { text: 'Your plan changed. ' }),
          'Your doctor wrote a new note, and it replaced your previous plan. The new plan is below.',
        ),
        close,
      ),
    );
  }

  function renderDoctor() {
    const current = store.doctor;
    timelineTitle.textContent = current ? `With ${current.name}` : 'Your care timeline';
    const select = h(
      'select',
      { id: 'doctor-select', name: 'doctorId', required: true, 'data-focus': 'doctor-select' },
      h('option', { value: '', text: store.doctors.length ? 'Choose a doctor…' : 'No doctors have signed up yet' }),
      store.doctors.map((d) => h('option', { value: d.id, text: d.name, selected: d.id === current?.id })),
    );
    const form = h(
      'form',
      { class: 'doctor-form', on: { submit: choose } },
      h('label', { for: 'doctor-select', text: current ? 'Change your doctor' : 'Choose your doctor' }),
      h(
        'div',
        { class: 'row' },
        select,
        h('button', { type: 'submit', class: 'btn btn-primary', text: current ? 'Change' : 'Choose this doctor' }),
      ),
      current ? h('p', { class: 'hint', text: 'A new doctor sees only the notes they write themselves.' }) : null,
    );
    const refresh = h('button', {
      type: 'button',
      class: 'btn-link',
      'data-focus': 'refresh-doctors',
      text: 'Refresh the list',
      on: { click: refreshDoctors },
    });
    if (current) {
      chooseSlot.replaceChildren();
      replace(
        doctorBox,
        h(
          'details',
          {
            class: 'change-doctor',
            on: {
              toggle: (/** @type {Event} */ e) => {
                if (/** @type {HTMLDetailsElement} */ (e.target).open) void refreshDoctors();
              },
            },
          },
          h('summary', { text: 'Change doctor' }),
          form,
        ),
      );
      return;
    }
    doctorBox.replaceChildren();
    replace(
      chooseSlot,
      h(
        'section',
        { class: 'card choose', 'aria-labelledby': 'choose-title' },
        h('h2', { id: 'choose-title', text: 'Welcome! First, choose your doctor' }),
        h('p', {
          class: 'lede',
          text: 'They will see you in their patient list right away, and their notes will reach you here.',
        }),
        form,
        h('p', { class: 'hint' }, 'Your doctor is not listed? Ask them to sign up, then ', refresh, '.'),
      ),
    );
  }

  /** Doctors sign up all the time: fetch the list again when the patient is about to pick. */
  async function refreshDoctors() {
    try {
      const { doctors } = await api('GET', '/api/doctors');
      const same =
        doctors.length === store.doctors.length &&
        doctors.every((/** @type {{ id: string }} */ d, /** @type {number} */ i) => d.id === store.doctors[i]?.id);
      store.doctors = doctors;
      if (same) return;
      const wasOpen = doctorBox.querySelector('details')?.open;
      renderDoctor();
      if (wasOpen) /** @type {HTMLDetailsElement} */ (doctorBox.querySelector('details')).open = true;
    } catch (err) {
      showError(describeError(err));
    }
  }

  /** @param {SubmitEvent} e */
  async function choose(e) {
    e.preventDefault();
    const doctorId = String(new FormData(/** @type {HTMLFormElement} */ (e.currentTarget)).get('doctorId') ?? '');
    if (!doctorId) {
      showError('Choose a doctor from the list first.');
      return;
    }
    try {
      await api('PUT', '/api/me/doctor', { doctorId });
      store.doctor = store.doctors.find((d) => d.id === doctorId) ?? null;
      message.textContent = '';
      announce(`${store.doctor?.name ?? 'Your doctor'} is now your doctor.`);
      renderDoctor();
    } catch (err) {
      showError(describeError(err));
    }
  }

  function render() {
    renderBanner();
    renderDue();
    renderPlan();
    renderTimeline(timeline, rec, { perspective: 'patient', doctorName, patientName: me.name, fresh: ui.fresh });
  }

  root.replaceChildren(
    h(
      'div',
      { class: 'patient-view' },
      chooseSlot,
      banner,
      message,
      h(
        'div',
        { class: 'layout' },
        h('div', { class: 'side' }, due, plan, todo, pushCard()),
        h(
          'section',
          { class: 'card main-card', 'aria-labelledby': 'timeline-title' },
          h('div', { class: 'card-head' }, timelineTitle),
          doctorBox,
          timeline,
        ),
      ),
    ),
  );
  renderDoctor();
  render();
  return subscribe(render);
}
