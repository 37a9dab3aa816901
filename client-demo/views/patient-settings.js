// @ts-check
// The patient's clock (GET/PUT /api/me/settings): time zone, waking day and quiet hours. Saving
// re-plans the doses still to come on the server, so the calendar is read again afterwards.
import { describeError } from '../api.js';
import { announce, h } from '../dom.js';
import { getSettings, loadCalendar, putSettings } from '../doses-api.js';

/** Every zone this browser knows; the saved one is added if it is not among them ("UTC" is not, in Chromium). @param {string} current */
function zones(current) {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

/** @param {string} patientId */
export function settingsCard(patientId) {
  const zone = /** @type {HTMLSelectElement} */ (h('select', { id: 'set-timezone', name: 'timezone' }));
  const wake = /** @type {HTMLInputElement} */ (
    h('input', { id: 'set-wake', name: 'wakeTime', type: 'time', required: true })
  );
  const sleep = /** @type {HTMLInputElement} */ (
    h('input', { id: 'set-sleep', name: 'sleepTime', type: 'time', required: true })
  );
  const quiet = /** @type {HTMLInputElement} */ (h('input', { id: 'set-quiet', name: 'quietHours', type: 'checkbox' }));
  const save = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'submit', class: 'btn btn-primary', text: 'Save settings' })
  );
  const status = h('p', { class: 'hint', role: 'status' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const field = (/** @type {string} */ id, /** @type {string} */ label, /** @type {HTMLElement} */ input) =>
    h('div', { class: 'field' }, h('label', { for: id, text: label }), input);

  /** @param {{ timezone: string, wakeTime: string, sleepTime: string, quietHours: boolean }} s */
  function show(s) {
    zone.replaceChildren(...zones(s.timezone).map((z) => h('option', { value: z, text: z.replace(/_/g, ' ') })));
    zone.value = s.timezone;
    wake.value = s.wakeTime;
    sleep.value = s.sleepTime;
    quiet.checked = s.quietHours;
  }

  const form = h(
    'form',
    { class: 'settings-form', novalidate: true },
    field('set-timezone', 'Time zone', zone),
    h('div', { class: 'field-row' }, field('set-wake', 'Wake time', wake), field('set-sleep', 'Sleep time', sleep)),
    h('label', { class: 'check-opt', for: 'set-quiet' }, quiet, 'Quiet hours: no reminders while I sleep'),
    save,
    status,
    error,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    error.textContent = '';
    status.textContent = '';
    try {
      const saved = await putSettings({
        timezone: zone.value,
        wakeTime: wake.value,
        sleepTime: sleep.value,
        quietHours: quiet.checked,
      });
      show(saved);
      status.textContent = `Saved. Your doses follow ${saved.timezone} time.`;
      announce('Settings saved. Your doses to come were planned again.');
      await loadCalendar(patientId);
    } catch (err) {
      error.textContent = describeError(err);
    } finally {
      save.disabled = false;
    }
  });
  save.disabled = true;
  getSettings().then(
    (s) => {
      show(s);
      save.disabled = false;
    },
    (err) => {
      error.textContent = describeError(err);
    },
  );
  return h(
    'section',
    { class: 'card settings-card', 'aria-labelledby': 'settings-title' },
    h('h2', { id: 'settings-title', text: 'Your day' }),
    form,
  );
}
