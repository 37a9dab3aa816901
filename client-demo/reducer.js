// @ts-check
// One function applies every server event to the store, whether it arrived live or through
// `sync` after a reconnect. It returns what a person should be told about it (if anything).
import { cancelDoses } from './dose-store.js';
import { applyMessageEvent } from './messages.js';
import { applyDoseEvent, ownerOf, patientName, updatePlanItem } from './reducer-doses.js';
import { mergeChecklistItem, mergeNote, mergeReminder, mergeSteps, record, store } from './store.js';

/**
 * @typedef {import('../src/events/protocol.ts').EventData} EventData
 * @typedef {import('../src/events/protocol.ts').EventEnvelope} Envelope
 * @typedef {import('../src/events/protocol.ts').EventType} EventType
 * @typedef {{ patientId: string | null, message?: string }} Outcome
 */

const doctorName = (/** @type {string} */ id) => store.doctors.find((d) => d.id === id)?.name ?? 'your doctor';

/** A steps event's payload as one note's steps. @param {any} p @returns {import('./store.js').Steps} */
const stepsOf = (p) => ({
  noteId: p.noteId,
  status: p.status,
  mode: p.mode,
  extractor: p.extractor,
  model: p.model,
  checklist: p.checklist,
  plan: p.plan,
  unclear: p.unclear ?? [],
  cancelled: false,
});

/** @param {string} type @param {import('./store.js').Steps} steps @param {string} patientId @param {boolean} mine */
function stepsMessage(type, steps, patientId, mine) {
  const n = steps.plan.length + steps.checklist.length;
  if (type === 'steps:review') return `A note for ${patientName(patientId)} waits for your review.`;
  if (type === 'steps:ready' && !mine && steps.status === 'needs_review') return undefined; // steps:review follows and says it
  if (type === 'plan:changed')
    return mine ? 'Your doctor updated your plan.' : `The plan of ${patientName(patientId)} was updated.`;
  return mine
    ? `Your doctor's note became ${n} step${n === 1 ? '' : 's'}.`
    : `Steps are ready for ${patientName(patientId)}.`;
}

/**
 * @template {EventType} K
 * @param {K} type
 * @param {Envelope & EventData[K]} payload
 * @returns {Outcome}
 */
export function applyEvent(type, payload) {
  const p = /** @type {any} */ (payload);
  const mine = store.user?.role === 'patient';
  switch (type) {
    case 'patient:assigned': {
      store.patients.set(p.patient.id, { ...store.patients.get(p.patient.id), ...p.patient, since: p.at, isNew: true });
      return { patientId: p.patient.id, message: `New patient: ${p.patient.name} chose you as their doctor.` };
    }
    case 'patient:unassigned': {
      store.patients.delete(p.patient.id);
      return { patientId: p.patient.id, message: `${p.patient.name} chose another doctor.` };
    }
    case 'note:new': {
      const rec = record(p.note.patientId);
      mergeNote(rec, p.note);
      return { patientId: rec.patientId, message: mine ? `New note from ${doctorName(p.note.doctorId)}.` : undefined };
    }
    case 'steps:ready':
    case 'steps:review':
    case 'plan:changed': {
      const rec = record(p.patientId);
      const steps = mergeSteps(rec, stepsOf(p));
      const note = rec.notes.get(p.noteId);
      if (note)
        mergeNote(rec, {
          ...note,
          status: p.status ?? 'ready',
          extractor: p.extractor,
          model: p.model,
          failureReason: null,
        });
      if (type !== 'steps:ready')
        rec.changes.push({
          key: `${type}:${p.eventId}`,
          type: /** @type {any} */ (type),
          at: p.at,
          noteId: p.noteId,
          changes: p.changes,
          unclear: (p.unclear ?? []).length,
        });
      return { patientId: rec.patientId, message: stepsMessage(type, steps, rec.patientId, mine) };
    }
    case 'steps:failed': {
      const rec = record(p.patientId);
      // A note:new further back than the timeline pages read so far comes with an older page.
      const note = rec.notes.get(p.noteId);
      if (note) mergeNote(rec, { ...note, status: 'failed', failureReason: p.reason });
      return {
        patientId: rec.patientId,
        message: `Steps could not be extracted from your note for ${patientName(rec.patientId)}. You can write them yourself.`,
      };
    }
    case 'plan:cancelled': {
      const rec = record(p.patientId);
      const steps = rec.steps.get(p.noteId);
      if (steps) {
        steps.cancelled = true;
        // A replacing plan stops the earlier plan items; tasks stay until done or removed.
        for (const item of steps.plan) if (item.status === 'active' || item.status === 'draft') item.status = 'stopped';
        for (const r of rec.reminders.values()) {
          if (steps.plan.some((i) => i.id === r.planItemId) && (r.status === 'due' || r.status === 'scheduled'))
            mergeReminder(rec, { ...r, status: 'cancelled' });
        }
        cancelDoses(rec, new Set(steps.plan.map((i) => i.id)));
      }
      rec.replaced = { noteId: p.noteId, byNoteId: p.byNoteId };
      return {
        patientId: rec.patientId,
        message: mine ? 'A new note from your doctor replaced your previous plan.' : undefined,
      };
    }
    // v1 reminders: no longer sent, but older records replay them, so they still render.
    case 'reminder:due': {
      const rec = record(ownerOf(p.reminder.planItemId) ?? '');
      const before = rec.reminders.get(p.reminder.id);
      const r = mergeReminder(rec, { ...p.reminder, status: 'due', attempts: p.reminder.attempt });
      // Re-deliveries of the same reminder update it quietly; only the first one is announced.
      return {
        patientId: rec.patientId,
        message: !before && r.status === 'due' ? `Reminder: ${r.text}. Check in when done.` : undefined,
      };
    }
    case 'reminder:checked-in':
    case 'reminder:missed': {
      const rec = record(ownerOf(p.reminder.planItemId) ?? '');
      const checked = type === 'reminder:checked-in';
      mergeReminder(rec, { ...p.reminder, ...(checked ? { checkedAt: p.at } : {}) });
      updatePlanItem(rec, p.planItem);
      const who = mine ? 'You' : patientName(rec.patientId);
      const progress = `${p.planItem.completedCheckins}/${p.planItem.requiredCheckins}`;
      return {
        patientId: rec.patientId,
        message: checked
          ? `${who} checked in: ${p.reminder.text} (${progress}).`
          : `Missed reminder: ${p.reminder.text}.`,
      };
    }
    case 'plan:completed': {
      const rec = record(ownerOf(p.planItem.id) ?? '');
      updatePlanItem(rec, p.planItem);
      return { patientId: rec.patientId, message: `Plan completed: ${p.planItem.text}.` };
    }
    case 'checklist:done': {
      const rec = record(p.patientId);
      const steps = rec.steps.get(p.noteId);
      if (steps) steps.checklist = steps.checklist.map((c) => (c.id === p.item.id ? mergeChecklistItem(c, p.item) : c));
      return {
        patientId: rec.patientId,
        message: mine ? undefined : `${patientName(rec.patientId)} ticked off: ${p.item.text}.`,
      };
    }
    case 'note:seen': {
      const rec = record(p.patientId);
      const note = rec.notes.get(p.noteId);
      if (note) mergeNote(rec, { ...note, seenAt: p.seenAt });
      return { patientId: rec.patientId };
    }
    default:
      return applyDoseEvent(type, p) ?? applyMessageEvent(type, p) ?? { patientId: null };
  }
}
