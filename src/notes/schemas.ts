import { z } from 'zod';
import { extractionSchema } from '../extraction/schema.js';

export const MAX_NOTE_LENGTH = 20_000;
export const noteContent = z
  .string()
  .trim()
  .min(1, 'note is empty')
  .max(MAX_NOTE_LENGTH, `note is longer than ${MAX_NOTE_LENGTH} characters`);
export const noteBody = z.object({ content: noteContent }).strict();
export const noteSubmitInput = z.object({ patientId: z.string().uuid(), content: noteContent }).strict();
/** A doctor's correction has exactly the shape an extractor must produce. */
export const stepsCorrectionInput = extractionSchema;
