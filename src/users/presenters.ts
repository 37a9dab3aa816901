import type { User } from '../db/schema.js';

export const presentUser = (u: User) => ({ id: u.id, name: u.name, email: u.email, role: u.role });
export const presentDoctor = (u: Pick<User, 'id' | 'name'>) => ({ id: u.id, name: u.name });

/**
 * A doctor as the patients' picker lists them: enough to tell two namesakes apart (the email's
 * domain, usually the practice, with its first letter, and since when they are verified) but not
 * the address itself, which every patient of the service could otherwise harvest.
 */
export const presentListedDoctor = (u: Pick<User, 'id' | 'name' | 'email' | 'verifiedAt'>) => ({
  id: u.id,
  name: u.name,
  email: maskEmail(u.email),
  verifiedSince: u.verifiedAt!.toISOString().slice(0, 10),
});

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}…${email.slice(at)}` : '…';
}
export const presentAssignment = (a: { patientId: string; doctorId: string; createdAt: Date }) => ({
  patientId: a.patientId,
  doctorId: a.doctorId,
  since: a.createdAt.toISOString(),
});
