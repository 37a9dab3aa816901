// @ts-check
// Client state: one record per patient (notes, steps per note, reminders), the doctor's patient
// list and the patient's doctors. Snapshots from the REST API and socket events both go through
// the merge functions below, which never move anything backwards (a reminder checked in stays
// checked in, a ready note never returns to pending), so the order in which a stale snapshot and a
// live event arrive cannot matter.

/**
 * @typedef {import('../src/events/protocol.ts').PlanItemView} PlanItem
 * @typedef {import('../src/events/protocol.ts').ChecklistView} ChecklistItem
 * @typedef {import('../src/events/protocol.ts').UnclearView} Unclear
 * @typedef {import('../src/events/protocol.ts').ReminderView & { checkedAt?: string }} Reminder
 *   A v1 reminder: no longer sent, but still in older records' history.
 * @typedef {import('../src/events/protocol.ts').DoseView & { logged?: boolean, snoozes?: number }} Dose
 *   logged: an event told of it (the timeline shows those; the calendar read alone does not).
 * @typedef {import('../src/events/protocol.ts').AlertView & { text?: string }} Alert
 * @typedef {import('../src/events/protocol.ts').PrnDoseView & { text: string }} Prn
 * @typedef {{ id: string, patientId?: string, doctorId: string, content?: string, status: string, createdAt: string,
 *   extractor?: string | null, model?: string | null, seenAt?: string | null, failureReason?: string | null }} Note
 * @typedef {{ noteId: string, status?: string, mode?: string, extractor: string | null, model: string | null,
 *   checklist: ChecklistItem[], plan: PlanItem[], unclear?: Unclear[], cancelled: boolean }} Steps
 *   One note's steps (a GET /steps answer spans notes: loaders.js splits it by the items' noteId).
 * @typedef {{ key: string, type: 'plan:changed' | 'steps:review', at: string, noteId: string,
 *   changes?: { added: string[], changed: string[], removed: string[] }, unclear: number }} Change
 * @typedef {{ patientId: string, loaded: boolean, notes: Map<string, Note>, steps: Map<string, Steps>,
 *   reminders: Map<string, Reminder>,
 *   doses: Map<string, Dose>, alerts: Map<string, Alert>, prn: Map<string, Prn>, messages?: Map<string, any>,
 *   timezone?: string, adherence?: any, activeNoteId: string | null, replaced: { noteId: string, byNoteId: string } | null,
 *   changes: Change[] }} PatientRecord
 * @typedef {{ id: string, name: string, email?: string, since?: string, isNew?: boolean }} Patient
 */

import { cancelDoses } from './dose-store.js';

export const store = {
  /** @type {{ id: string, name: string, email: string, role: 'doctor' | 'patient' } | null} */
  user: null,
  /** The patient's current doctor. @type {{ id: string, name: string } | null} */
  doctor: null,
  /** @type {Array<{ id: string, name: string }>} */
  doctors: [],
  /** The doctor's patients. @type {Map<string, Patient>} */
  patients: new Map(),
  /** @type {Map<string, PatientRecord>} */
  records: new Map(),
  /** Which patient a plan item belongs to: reminder events name the plan item, not the patient. */
  planOwner: new Map(),
  /** @type {'connecting' | 'online' | 'offline' | 'syncing'} */
  connection: 'connecting',
};

/** @param {string} patientId @returns {PatientRecord} */
export function record(patientId) {
  let rec = store.records.get(patientId);
  if (!rec) {
    rec = {
      patientId,
      loaded: false,
      notes: new Map(),
      steps: new Map(),
      reminders: new Map(),
      doses: new Map(),
      alerts: new Map(),
      prn: new Map(),
      activeNoteId: null,
      replaced: null,
      changes: [],
    };
    store.records.set(patientId, rec);
  }
  return rec;
}

export function resetStore() {
  Object.assign(store, { user: null, doctor: null, doctors: [], connection: 'connecting' });
  store.patients.clear();
  store.records.clear();
  store.planOwner.clear();
}

/** @type {Set<() => void>} */
const listeners = new Set();
let pending = false;
/** Re-render soon, once per burst of changes. */
export function changed() {
  if (pending) return;
  pending = true;
  queueMicrotask(() => {
    pending = false;
    for (const fn of listeners) fn();
  });
}
/** @param {() => void} fn @returns {() => void} */
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const FINAL = 2;
/** @type {Record<string, number>} */
const NOTE_RANK = { pending: 0, processing: 1, needs_review: FINAL, ready: FINAL, failed: FINAL };
/** @type {Record<string, number>} */
const REMINDER_RANK = { scheduled: 0, due: 1, checked_in: FINAL, missed: FINAL, cancelled: FINAL };
/** @type {Record<string, number>} */
const ITEM_RANK = { open: 0, draft: 0, active: 0, done: 1, removed: 1, completed: 1, incomplete: 1, stopped: 1 };

/** @template {{ status: string }} T @param {T | undefined} old @param {T} fresh @param {Record<string, number>} ranks */
function keepFurthest(old, fresh, ranks) {
  return old && (ranks[old.status] ?? 0) > (ranks[fresh.status] ?? 0) ? old.status : fresh.status;
}

/** @param {PatientRecord} rec @param {Note} fresh */
export function mergeNote(rec, fresh) {
  const old = rec.notes.get(fresh.id);
  /** @type {Note} */
  const note = { ...old, ...fresh, status: keepFurthest(old, fresh, NOTE_RANK) };
  // Seen stays seen; the extraction fields follow whoever last said anything about them.
  note.seenAt = fresh.seenAt ?? old?.seenAt ?? null;
  for (const k of /** @type {const} */ (['extractor', 'model', 'failureReason']))
    note[k] = fresh[k] !== undefined ? fresh[k] : (old?.[k] ?? null);
  // Event stubs of a note carry no text; keep the text already known.
  const content = fresh.content ?? old?.content;
  if (content !== undefined) note.content = content;
  rec.notes.set(note.id, note);
  return note;
}

/** @param {PatientRecord} rec @param {Reminder} fresh */
export function mergeReminder(rec, fresh) {
  const old = rec.reminders.get(fresh.id);
  const status = keepFurthest(old, fresh, REMINDER_RANK);
  const merged = { ...old, ...fresh, status, attempts: Math.max(old?.attempts ?? 0, fresh.attempts ?? 0) };
  if (old?.checkedAt && !fresh.checkedAt) merged.checkedAt = old.checkedAt;
  rec.reminders.set(fresh.id, merged);
  return merged;
}

/** @param {PlanItem | undefined} old @param {PlanItem} fresh @returns {PlanItem} */
export function mergePlanItem(old, fresh) {
  if (!old) return fresh;
  return {
    ...old,
    ...fresh,
    text: fresh.text || old.text,
    status: keepFurthest(old, fresh, ITEM_RANK),
    completedCheckins: Math.max(old.completedCheckins, fresh.completedCheckins),
    missedCount: Math.max(old.missedCount, fresh.missedCount),
    skippedCount: Math.max(old.skippedCount ?? 0, fresh.skippedCount ?? 0),
    extendedCount: Math.max(old.extendedCount ?? 0, fresh.extendedCount ?? 0),
  };
}

/** @param {ChecklistItem | undefined} old @param {ChecklistItem} fresh @returns {ChecklistItem} */
export function mergeChecklistItem(old, fresh) {
  if (!old) return fresh;
  const status = keepFurthest(old, fresh, ITEM_RANK);
  return { ...old, ...fresh, text: fresh.text || old.text, status, done: old.done || fresh.done };
}

/** Puts steps for a note in place, merging item by item with what is already known. @param {PatientRecord} rec @param {Steps} fresh */
export function mergeSteps(rec, fresh) {
  const old = rec.steps.get(fresh.noteId);
  if (old) {
    // A doctor's correction stopped the items it left out: their reminders to come went with them.
    const kept = new Set(fresh.plan.map((p) => p.id));
    cancelDoses(rec, new Set(old.plan.filter((p) => !kept.has(p.id)).map((p) => p.id)));
    for (const r of rec.reminders.values())
      if (
        (r.status === 'due' || r.status === 'scheduled') &&
        old.plan.some((p) => p.id === r.planItemId && !kept.has(p.id))
      )
        mergeReminder(rec, { ...r, status: 'cancelled' });
  }
  /** @type {Steps} */
  const steps = {
    ...old,
    ...fresh,
    unclear: fresh.unclear ?? old?.unclear ?? [],
    cancelled: fresh.cancelled || Boolean(old?.cancelled),
    plan: fresh.plan.map((p) =>
      mergePlanItem(
        old?.plan.find((o) => o.id === p.id),
        p,
      ),
    ),
    checklist: fresh.checklist.map((c) =>
      mergeChecklistItem(
        old?.checklist.find((o) => o.id === c.id),
        c,
      ),
    ),
  };
  rec.steps.set(fresh.noteId, steps);
  for (const p of steps.plan) store.planOwner.set(p.id, rec.patientId);
  rec.activeNoteId = fresh.noteId;
  return steps;
}

// Read-only views of a record (the current steps, the adherence badge) live in current.js.
export { activeSteps, adherence } from './current.js';
