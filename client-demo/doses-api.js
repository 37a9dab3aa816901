// @ts-check
// The v2 dose routes (DESIGN §4): the calendar, adherence, settings, and the patient's outcomes.
// Answers are merged into the record at once, so the page moves without waiting for the event
// (the event lands on top later: merges never move backwards).
import { ApiError, api, describeError } from './api.js';
import { mergeAlert, mergeDose } from './dose-store.js';
import { setCalendar } from './history.js';
import { updatePlanItem } from './reducer-doses.js';
import { changed, record } from './store.js';

/** @param {string} patientId */
const base = (patientId) => `/api/patients/${encodeURIComponent(patientId)}`;

/** The calendar from the patient's today, a week (the server's default range). @param {string} patientId */
export async function loadCalendar(patientId) {
  const c = await api('GET', `${base(patientId)}/doses`);
  setCalendar(patientId, { doses: c.doses, from: c.from, to: c.to });
  record(patientId).timezone = c.timezone;
  changed();
}

/** Per item and per day: due, taken, late, skipped, missed (the doctor's counts). @param {string} patientId */
export async function loadAdherence(patientId, days = 30) {
  record(patientId).adherence = await api('GET', `${base(patientId)}/adherence?days=${days}`);
  changed();
}

export const getSettings = () => api('GET', '/api/me/settings');
/** @param {{ timezone: string, wakeTime: string, sleepTime: string, quietHours: boolean }} s */
export const putSettings = (s) => api('PUT', '/api/me/settings', s);

/** @param {import('./store.js').PatientRecord} rec @param {{ dose: import('./store.js').Dose, planItem?: any }} out */
function landed(rec, out) {
  mergeDose(rec, out.dose);
  if (out.planItem) updatePlanItem(rec, out.planItem);
  changed();
  return out;
}

/** @param {import('./store.js').PatientRecord} rec @param {string} doseId */
export const takeDose = async (rec, doseId) => landed(rec, await api('POST', `/api/doses/${doseId}/take`, {}));
/** @param {import('./store.js').PatientRecord} rec @param {string} doseId @param {string} reason */
export const skipDose = async (rec, doseId, reason) =>
  landed(rec, await api('POST', `/api/doses/${doseId}/skip`, { reason }));
/** @param {import('./store.js').PatientRecord} rec @param {string} doseId @param {number} minutes */
export const snoozeDose = async (rec, doseId, minutes) =>
  landed(rec, await api('POST', `/api/doses/${doseId}/snooze`, { minutes }));

/** @param {string} planItemId @param {boolean} overMax */
export const logPrn = (planItemId, overMax) =>
  api('POST', `/api/plan-items/${planItemId}/prn-doses`, overMax ? { overMax: true } : {});

/** @param {import('./store.js').PatientRecord} rec @param {string} alertId */
export async function ackAlert(rec, alertId) {
  const { alert } = await api('POST', `/api/alerts/${alertId}/ack`, {});
  mergeAlert(rec, alert);
  changed();
}

/** @type {Record<string, string>} */
const DOSE_ERRORS = {
  DOSE_TAKEN: 'This dose is already recorded as taken.',
  DOSE_SKIPPED: 'This dose was recorded as skipped.',
  DOSE_MISSED: 'This dose was missed: its time has passed. Take the next one.',
  DOSE_CLOSED: 'This dose is no longer due.',
  DOSE_NOT_DUE: 'This dose is not due yet.',
  DOSE_TOO_LATE: 'This dose was missed more than a day ago and can no longer be recorded.',
  SNOOZE_PAST_WINDOW: 'That snooze would run past the time to take this dose. Snooze for less.',
  PLAN_NOT_ACTIVE: 'This plan item is no longer running.',
};

/** A sentence for a failed dose action (api.js knows the general codes). @param {unknown} err */
export const describeDoseError = (err) => (err instanceof ApiError && DOSE_ERRORS[err.code]) || describeError(err);
