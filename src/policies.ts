// Authorization as small named policies, in one place (docs/POLICIES.md is the table). Services
// call these; handlers never decide access themselves. Access follows the patient's CURRENT
// assignment: a doctor the patient left keeps nothing but the notes they wrote being listed to
// the patient.
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

/** One name per read, so docs/POLICIES.md and the code list the same actions; all read the record. */
export const canListNotes = canReadPatientRecord;
export const canReadSteps = canReadPatientRecord;
export const canListReminders = canReadPatientRecord;
export const canReadTimeline = canReadPatientRecord;

/**
 * Correcting changes the patient's live plan, so the author must still be their doctor: a doctor
 * the patient left no longer decides their care, and a new doctor cannot read the note to correct.
 */
export const canCorrectSteps = (u: Actor, note: { doctorId: string }, activeDoctorId: string | null) =>
  isDoctor(u) && u.id === note.doctorId && u.id === activeDoctorId;

/** Confirming starts waiting items of the live plan: the same rule as correcting. */
export const canConfirmSteps = canCorrectSteps;
/** A patient's own clock (zone, waking day, quiet hours). */
export const canEditSettings = (u: Actor) => isPatient(u);
/** A doctor's own review preference. */
export const canSetReviewPreference = (u: Actor) => isDoctor(u);

/** Doses are the patient's own record: only they take, skip or snooze one, or log an as-needed dose. */
export const canRecordDose = (u: Actor, dose: { patientId: string }) => u.id === dose.patientId;
export const canCheckIn = canRecordDose;
export const canReadDoses = canReadPatientRecord;
export const canReadAdherence = canReadPatientRecord;
/** An alert is acknowledged by the doctor it was raised to, while still the patient's doctor. */
export const canAckAlert = (u: Actor, alert: { doctorId: string }, activeDoctorId: string | null) =>
  isDoctor(u) && u.id === alert.doctorId && u.id === activeDoctorId;
export const canCompleteChecklistItem = (u: Actor, item: { patientId: string }) => u.id === item.patientId;

/**
 * Who hears live about a patient's care: the patient (unless the event is the doctor's only) and
 * their current doctor, never a note's author the patient has left.
 */
export const careRecipients = (patientId: string, activeDoctorId: string | null, opts: { patient?: boolean } = {}) =>
  [opts.patient === false ? null : patientId, activeDoctorId].filter((id): id is string => id !== null);

/** Texts the writer holds in hand go only to a recipient the note's data key is wrapped for. */
export const holdsNoteKey = (userId: string, note: { wrappedKeys: Record<string, string> }) =>
  Object.hasOwn(note.wrappedKeys, userId);

/**
 * Replay (sync, timeline) opens texts about a patient only for the patient and their current
 * doctor, as GET /notes does; the rows stay (seqs stay gapless) but render without text.
 */
export const canReplayTexts = (readerId: string, patientId: string | null, activeDoctorId: string | null) =>
  patientId === null || readerId === patientId || readerId === activeDoctorId;

export function authorize(allowed: boolean, message = 'not allowed'): void {
  if (!allowed) throw forbidden(message);
}

export const isAdmin = (u: Actor) => u.role === 'admin';
/** Only an admin vouches for a doctor (an invite is what makes a doctor account verified). */
export const canCreateDoctorInvite = (u: Actor) => isAdmin(u);
/** Patients see and choose only verified doctors: an impostor account never reaches them. */
export const isChoosableDoctor = (d: Pick<User, 'role' | 'verifiedAt'>) => d.role === 'doctor' && d.verifiedAt !== null;
/** Redeeming an invite for an existing account: a doctor not yet verified. */
export const canRedeemInvite = (u: Pick<User, 'role' | 'verifiedAt'>) => u.role === 'doctor' && u.verifiedAt === null;
/** The FHIR export reads the whole record: the patient and their current doctor. */
export const canExportFhir = canReadPatientRecord;

/**
 * A message goes in the thread of the patient and their current doctor: the patient or that
 * doctor writes it, and only while the patient has a doctor. A doctor the patient left cannot.
 */
export const canSendMessage = (u: Actor, patientId: string, activeDoctorId: string | null) =>
  activeDoctorId !== null && (u.id === patientId || (isDoctor(u) && u.id === activeDoctorId));
/** The thread is read by the patient and their current doctor (who sees only their own thread). */
export const canReadMessages = canReadPatientRecord;
/** A receipt is the addressee's, while the thread's doctor is still the patient's current doctor. */
export const canMarkMessageRead = (
  u: Actor,
  message: { patientId: string; doctorId: string; authorId: string },
  activeDoctorId: string | null,
) =>
  u.id !== message.authorId && (u.id === message.patientId || (u.id === message.doctorId && u.id === activeDoctorId));
