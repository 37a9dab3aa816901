// @ts-check
// The dose events of the reducer (v2: the patient's clock): a dose falling due (or nudged, or back
// from a snooze), taken, skipped, missed or snoozed; a course ending incomplete; an adherence alert
// (doctors only); an as-needed dose. Same contract as reducer.js: apply, and say what is news.
import { mergeAlert, mergeDose } from './dose-store.js';
import { mergePlanItem, record, store } from './store.js';

/** @typedef {import('./reducer.js').Outcome} Outcome */

export const patientName = (/** @type {string | null} */ id) => (id && store.patients.get(id)?.name) || 'Your patient';
/** Dose events name the plan item; the patient's own events are always about themselves. */
export const ownerOf = (/** @type {string} */ planItemId) =>
  store.planOwner.get(planItemId) ?? (store.user?.role === 'patient' ? store.user.id : null);

/** @param {import('./store.js').PatientRecord} rec @param {import('./store.js').PlanItem} item */
export function updatePlanItem(rec, item) {
  for (const steps of rec.steps.values()) {
    const i = steps.plan.findIndex((p) => p.id === item.id);
    if (i >= 0) steps.plan[i] = mergePlanItem(steps.plan[i], item);
  }
}

/** @type {Record<string, string>} */
export const SKIP_WORDS = {
  side_effects: 'side effects',
  unwell: 'feeling unwell',
  no_supply: 'ran out',
  doctor_advised: 'doctor advised',
  other: 'other reason',
};

const at = (/** @type {{ localTime: string | null }} */ d) => (d.localTime ? ` (${d.localTime})` : '');

/** @param {string} type @param {any} p @returns {Outcome | null} null: not a dose event */
export function applyDoseEvent(type, p) {
  const mine = store.user?.role === 'patient';
  switch (type) {
    case 'dose:due':
    case 'dose:snoozed': {
      const rec = record(ownerOf(p.dose.planItemId) ?? '');
      const before = rec.doses.get(p.dose.id);
      // Each snooze is one event (applied once, replays included), so counting them is exact.
      const snoozes = (before?.snoozes ?? 0) + (type === 'dose:snoozed' ? 1 : 0);
      const d = mergeDose(rec, { ...p.dose, logged: true, snoozes });
      if (type === 'dose:snoozed')
        return { patientId: rec.patientId, message: `Snoozed: ${d.text}, until ${clock(d.snoozedUntil)}.` };
      // Only a change is news: a replayed or duplicated due of a decided dose stays quiet.
      const fresh = d.status === 'due' && (before?.status !== 'due' || p.kind !== 'due');
      const words = { due: 'Time to take', nudge: 'Still to take', snooze: 'Snooze over, time to take' };
      return {
        patientId: rec.patientId,
        message: fresh ? `${words[/** @type {'due'} */ (p.kind)] ?? words.due}: ${d.text}${at(d)}.` : undefined,
      };
    }
    case 'dose:taken':
    case 'dose:skipped':
    case 'dose:missed': {
      const rec = record(ownerOf(p.dose.planItemId) ?? '');
      const d = mergeDose(rec, { ...p.dose, logged: true });
      updatePlanItem(rec, p.planItem);
      const who = mine ? 'You' : patientName(rec.patientId);
      const message =
        type === 'dose:taken'
          ? `${who} took${d.status === 'late' ? ' late' : ''}: ${d.text}${at(d)}.`
          : type === 'dose:skipped'
            ? `${who} skipped: ${d.text}${at(d)}, ${SKIP_WORDS[d.skipReason ?? 'other'] ?? d.skipReason}.`
            : `Missed dose: ${d.text}${at(d)}.`;
      return { patientId: rec.patientId, message };
    }
    case 'plan:incomplete': {
      const rec = record(ownerOf(p.planItem.id) ?? '');
      updatePlanItem(rec, p.planItem);
      return { patientId: rec.patientId, message: `Plan ended with doses missed: ${p.planItem.text}.` };
    }
    case 'adherence:alert': {
      const rec = record(p.alert.patientId);
      store.planOwner.set(p.planItem.id, rec.patientId);
      mergeAlert(rec, { ...p.alert, text: p.planItem.text });
      updatePlanItem(rec, p.planItem);
      return {
        patientId: rec.patientId,
        message: `Alert: ${patientName(rec.patientId)} missed ${p.alert.misses} doses in a row of ${p.planItem.text}.`,
      };
    }
    case 'alert:acknowledged': {
      // Acknowledged on another device or tab: the banner goes here too, quietly.
      const rec = record(p.alert.patientId);
      mergeAlert(rec, p.alert);
      return { patientId: rec.patientId };
    }
    case 'prn:taken': {
      const rec = record(ownerOf(p.planItem.id) ?? '');
      rec.prn.set(p.prnDose.id, { ...p.prnDose, text: p.planItem.text });
      updatePlanItem(rec, p.planItem);
      const who = mine ? 'You' : patientName(rec.patientId);
      const over = p.prnDose.overMax ? ' (over the daily maximum)' : '';
      return { patientId: rec.patientId, message: `${who} took as needed: ${p.planItem.text}${over}.` };
    }
    default:
      return null;
  }
}

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
/** A real instant as this device's time of day (a snooze is minutes, not a dose time). @param {string | null} iso */
const clock = (iso) => (iso ? timeOnly.format(new Date(iso)) : 'later');
