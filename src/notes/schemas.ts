import { z } from 'zod';
import { checklistItemSchema, MAX_ITEMS, planItemSchema, type Timing, unclearSchema } from '../extraction/schema.js';
import { unkeptReason } from '../extraction/timing.js';

export const MAX_NOTE_LENGTH = 20_000;
export const noteContent = z
  .string()
  .trim()
  .min(1, 'note is empty')
  .max(MAX_NOTE_LENGTH, `note is longer than ${MAX_NOTE_LENGTH} characters; nothing was saved`);
/** replace (default): a plan in this note stops the earlier plan; add: it runs beside it. */
export const noteMode = z.enum(['replace', 'add']).default('replace');
export const noteBody = z.object({ content: noteContent, mode: noteMode }).strict();
export const noteSubmitInput = z
  .object({ patientId: z.string().uuid(), content: noteContent, mode: noteMode })
  .strict();

// A correction has the shape an extractor produces, and names the items it keeps by id: those are
// edited in place (their doses on record stay), items without an id are new, live items it does
// not name are removed (checklist) or stopped (plan). `unclear` is what still waits for the doctor.
const id = z.string().uuid().optional();
export const stepsCorrectionInput = z
  .object({
    checklist: z.array(checklistItemSchema.extend({ id }).strict()).max(MAX_ITEMS),
    plan: z.array(planItemSchema.innerType().extend({ id }).strict().superRefine(planCheck)).max(MAX_ITEMS),
    unclear: z.array(unclearSchema).max(MAX_ITEMS).default([]),
  })
  .strict();
export type StepsCorrection = z.infer<typeof stepsCorrectionInput>;

function planCheck(p: { asNeeded: boolean; timing: Timing | null }, ctx: z.RefinementCtx) {
  if (!p.asNeeded && p.timing === null)
    ctx.addIssue({ code: 'custom', path: ['timing'], message: 'a scheduled item needs a timing' });
  // The doctor's own schedule is refused, not reshaped or set aside, when the clock cannot keep it.
  const unkept = !p.asNeeded && p.timing ? unkeptReason(p.timing) : null;
  if (unkept) ctx.addIssue({ code: 'custom', path: ['timing'], message: unkept });
}
