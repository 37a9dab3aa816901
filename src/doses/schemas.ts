// Inputs of the dose routes and their socket twins (DESIGN §4). Query strings arrive as text.
import { z } from 'zod';
import { SKIP_REASONS } from '../db/schema.js';

const id = z.string().uuid();
export const skipBody = z.object({ reason: z.enum(SKIP_REASONS).default('other') }).strict();
export const snoozeBody = z.object({ minutes: z.number().int().min(5).max(120) }).strict();

/** The calendar spans at most 62 days per read. */
export const MAX_RANGE_DAYS = 62;
export const dosesQuery = z
  .object({
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
  })
  .strict();
export const adherenceQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(7) }).strict();

export const doseCommand = z.object({ doseId: id }).strict();
export const skipCommand = z.object({ doseId: id, reason: z.enum(SKIP_REASONS).default('other') }).strict();
export const snoozeCommand = z.object({ doseId: id, minutes: z.number().int().min(5).max(120) }).strict();
export const prnCommand = z.object({ planItemId: id }).strict();
export const alertCommand = z.object({ alertId: id }).strict();
/** overMax: the patient took it although the note's maximum for the day was reached (after the warning). */
export const prnBody = z.object({ overMax: z.boolean().default(false) }).strict();
export const prnCommandBody = prnCommand.extend({ overMax: z.boolean().default(false) });
