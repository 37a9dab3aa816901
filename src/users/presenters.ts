import type { User } from '../db/schema.js';

export const presentUser = (u: User) => ({ id: u.id, name: u.name, email: u.email, role: u.role });
export const presentDoctor = (u: Pick<User, 'id' | 'name'>) => ({ id: u.id, name: u.name });
export const presentAssignment = (a: { patientId: string; doctorId: string; createdAt: Date }) => ({
  patientId: a.patientId,
  doctorId: a.doctorId,
  since: a.createdAt.toISOString(),
});
