import { z } from 'zod';

// Query strings arrive as text; seqs are per-user integers (PostgreSQL int, so below 2^31).
const seq = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);
export const timelineQuery = z
  .object({ before: seq.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
