// @ts-check
// Which timeline entries and list rows an incoming event makes "New" (highlighted for a while):
// the keys timeline.js and the lists give the things the event is about.

/** @param {import('./socket.js').Incoming} ev @returns {string[]} */
export function freshKeys({ type, payload: p }) {
  switch (type) {
    case 'patient:assigned':
      return [`patient:${p.patient.id}`];
    case 'note:new':
      return [`note:${p.note.id}`];
    case 'steps:ready':
      return [`steps:${p.noteId}`];
    case 'steps:review':
    case 'plan:changed':
      return [`${type}:${p.eventId}`];
    case 'reminder:due':
    case 'reminder:missed':
      return [`reminder:${p.reminder.id}`];
    case 'reminder:checked-in':
      return [`checkin:${p.reminder.id}`];
    case 'dose:due':
    case 'dose:missed':
    case 'dose:skipped':
    case 'dose:snoozed':
      return [`dose:${p.dose.id}`];
    case 'dose:taken':
      return [`dose:${p.dose.id}`, `taken:${p.dose.id}`];
    case 'adherence:alert':
      return [`alert:${p.alert.id}`];
    case 'prn:taken':
      return [`prn:${p.prnDose.id}`];
    default:
      return [];
  }
}
