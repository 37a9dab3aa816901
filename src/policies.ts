// Authorization as small named policies, in one place. Services call these; handlers never
// decide access themselves.
import type { User } from './db/schema.js';
import { forbidden } from './errors.js';

export type Actor = Pick<User, 'id' | 'role'>;

export const isDoctor = (u: Actor) => u.role === 'doctor';
export const isPatient = (u: Actor) => u.role === 'patient';

export const canSelectDoctor = (u: Actor) => isPatient(u);
export const canListPatients = (u: Actor) => isDoctor(u);

/** A patient's record is readable by the patient and by the doctor the patient currently chose. */
export const canReadPatientRecord = (u: Actor, patientId: string, activeDoctorId: string | null) =>
  u.id === patientId || (isDoctor(u) && activeDoctorId !== null && u.id === activeDoctorId);

/** Only the patient's currently selected doctor writes notes for them. */
export const canWriteNote = (u: Actor, activeDoctorId: string | null) =>
  isDoctor(u) && activeDoctorId !== null && u.id === activeDoctorId;

/** A note opens for its patient and its author, and only while the note holds a key wrap for them. */
export const canReadNote = (u: Actor, note: { patientId: string; doctorId: string }) =>
  u.id === note.patientId || u.id === note.doctorId;

export const canCorrectSteps = (u: Actor, note: { doctorId: string }) => isDoctor(u) && u.id === note.doctorId;

export const canCheckIn = (u: Actor, reminder: { patientId: string }) => u.id === reminder.patientId;
export const canCompleteChecklistItem = (u: Actor, item: { patientId: string }) => u.id === item.patientId;

export function authorize(allowed: boolean, message = 'not allowed'): void {
  if (!allowed) throw forbidden(message);
}
