// @ts-check
// The patient's doctor picker: a welcome card until a doctor is chosen, then a "Change doctor"
// disclosure inside the timeline card, whose title names the doctor.
import { api, describeError } from '../api.js';
import { announce, h, replace } from '../dom.js';
import { store } from '../store.js';

/** @param {(message: string) => void} showError the view's error line ('' clears it) */
export function doctorPicker(showError) {
  const doctorBox = h('div', { class: 'doctor-box' });
  /** Without a doctor nothing else can happen yet, so choosing one comes first, above everything. */
  const chooseSlot = h('div');
  /** The timeline card's title lives here because it is the doctor's name once there is one. */
  const title = h('h2', { id: 'timeline-title' });

  function render() {
    const current = store.doctor;
    title.textContent = current ? `With ${current.name}` : 'Your care timeline';
    const select = h(
      'select',
      { id: 'doctor-select', name: 'doctorId', required: true, 'data-focus': 'doctor-select' },
      h('option', { value: '', text: store.doctors.length ? 'Choose a doctor…' : 'No verified doctors yet' }),
      store.doctors.map((d) =>
        h('option', { value: d.id, text: doctorLabel(d, store.doctors), selected: d.id === current?.id }),
      ),
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
      render();
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
      showError('');
      announce(`${store.doctor?.name ?? 'Your doctor'} is now your doctor.`);
      render();
    } catch (err) {
      showError(describeError(err));
    }
  }

  return { chooseSlot, doctorBox, title, render };
}

/**
 * Two doctors may share a name: namesakes are told apart by their (masked) email's domain and
 * since when they are verified; a unique name stands alone.
 * @param {{ name: string, email?: string, verifiedSince?: string }} d
 * @param {Array<{ name: string }>} all
 */
function doctorLabel(d, all) {
  if (all.filter((o) => o.name === d.name).length < 2) return d.name;
  const about = [d.email, d.verifiedSince && `verified ${d.verifiedSince}`].filter(Boolean).join(', ');
  return about ? `${d.name} (${about})` : d.name;
}
