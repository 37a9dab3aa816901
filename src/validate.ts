// Request and command validation with zod, shared by the HTTP routes and the socket commands.
import type { ZodType, ZodTypeDef } from 'zod';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { fromZod } from './errors.js';

export function parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, data: unknown, what = 'request body'): T {
  const result = schema.safeParse(data);
  if (!result.success) throw fromZod(result.error, what);
  return result.data;
}

export const idParam = (name: string) => z.object({ [name]: z.string().uuid() }).passthrough();
export const emptyBody = z.union([z.undefined(), z.object({}).strict()]);

/** An IANA zone name luxon knows ("Europe/London"; not "GMT+25"). */
export const ianaZone = z
  .string()
  .max(64)
  .refine((tz) => IANAZone.isValidZone(tz), 'not an IANA time zone (e.g. "Europe/London")');
