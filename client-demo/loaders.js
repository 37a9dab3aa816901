// @ts-check
// REST snapshots of a patient's record, merged into the store (the socket keeps them current).
import { api } from './api.js';
import { mergeNote, mergeReminder, mergeSteps, record } from './store.js';

/** @param {string} patientId */
const base = (patientId) => `/api/patients/${encodeURIComponent(patientId)}`;

/** @param {import('./store.js').PatientRecord} rec @param {any} s */
function mergeStepsSnapshot(rec, s) {
  if (s.noteId)
    mergeSteps(rec, {
      noteId: s.noteId,
      extractor: s.extractor,
      model: s.model,
      checklist: s.checklist,
      plan: s.plan,
      cancelled: false,
    });
}

/** Only the active plan: enough for the doctor's adherence badges. @param {string} patientId */
export async function loadSteps(patientId) {
  mergeStepsSnapshot(record(patientId), await api('GET', `${base(patientId)}/steps`));
}

/** Notes, the active plan and recent reminders. @param {string} patientId */
export async function loadRecord(patientId) {
  const [notes, steps, reminders] = await Promise.all([
    api('GET', `${base(patientId)}/notes`),
    api('GET', `${base(patientId)}/steps`),
    api('GET', `${base(patientId)}/reminders`),
  ]);
  const rec = record(patientId);
  for (const note of notes.notes) mergeNote(rec, { ...note, patientId });
  mergeStepsSnapshot(rec, steps);
  for (const r of reminders.reminders) mergeReminder(rec, r);
  rec.loaded = true;
  return rec;
}
