import { z } from 'zod';

const email = z.string().trim().toLowerCase().email().max(254);
export const signupInput = z.object({
  name: z.string().trim().min(1).max(120),
  email,
  password: z.string().min(8).max(128),
  role: z.enum(['doctor', 'patient']),
}).strict();
export const loginInput = z.object({ email, password: z.string().min(1).max(128) }).strict();
export const refreshInput = z.object({ refreshToken: z.string().min(1).max(4096) }).strict();
export const selectDoctorInput = z.object({ doctorId: z.string().uuid() }).strict();

export type SignupInput = z.infer<typeof signupInput>;
