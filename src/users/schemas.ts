import { z } from 'zod';
import { inviteToken } from './invites.js';
import { ianaZone } from '../validate.js';

const email = z.string().trim().toLowerCase().email().max(254);
export const signupInput = z
  .object({
    // PostgreSQL text cannot hold NUL (a 500 at insert otherwise); no control characters in a name.
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters'),
    email,
    password: z.string().min(8).max(128),
    role: z.enum(['doctor', 'patient']),
    /** A patient's zone, as their browser reports it; their doses are timed in it (default UTC). */
    timezone: ianaZone.optional(),
    /** A doctor's invite (DOCTOR_SIGNUP=invite needs one); a patient has none to give. */
    inviteToken: inviteToken.optional(),
  })
  .strict()
  .refine((s) => s.role === 'doctor' || s.inviteToken === undefined, {
    path: ['inviteToken'],
    message: 'only a doctor signs up with an invite',
  });
export const loginInput = z.object({ email, password: z.string().min(1).max(128) }).strict();
export const refreshInput = z.object({ refreshToken: z.string().min(1).max(4096) }).strict();
export const selectDoctorInput = z.object({ doctorId: z.string().uuid() }).strict();
export const redeemInviteInput = z.object({ inviteToken }).strict();

export type SignupInput = z.infer<typeof signupInput>;
