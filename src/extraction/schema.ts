import { SchemaType, type ResponseSchema } from '@google/generative-ai';
import { z } from 'zod';

// Limits shared by the zod schema, the Gemini schema and the rules extractor, so the three
// can never disagree about what a valid extraction is (DESIGN.md §7).
export const MAX_ITEMS = 50;
export const MAX_TEXT_CHARS = 500;
export const MAX_FREQUENCY_PER_DAY = 24;
export const MAX_DURATION_DAYS = 365;

// Trim before the length checks so "   " is rejected rather than stored as an empty step.
const stepText = z.string().trim().min(1).max(MAX_TEXT_CHARS);

export const checklistItemSchema = z.object({ text: stepText }).strict();

export const planItemSchema = z
  .object({
    text: stepText,
    frequencyPerDay: z.number().int().min(1).max(MAX_FREQUENCY_PER_DAY),
    durationDays: z.number().int().min(1).max(MAX_DURATION_DAYS),
  })
  .strict();

// strict(): unknown keys from a model are a sign it misunderstood the task, so they fail
// validation (and get retried) instead of being silently dropped.
export const extractionSchema = z
  .object({
    checklist: z.array(checklistItemSchema).max(MAX_ITEMS),
    plan: z.array(planItemSchema).max(MAX_ITEMS),
  })
  .strict();

export type Extraction = z.infer<typeof extractionSchema>;
export type ExtractedChecklistItem = z.infer<typeof checklistItemSchema>;
export type ExtractedPlanItem = z.infer<typeof planItemSchema>;

// The same shape for Gemini's constrained decoding. The SDK's IntegerSchema has no
// minimum/maximum, so the ranges live in descriptions; zod stays the real gate.
export const geminiResponseSchema: ResponseSchema = {
  type: SchemaType.OBJECT,
  properties: {
    checklist: {
      type: SchemaType.ARRAY,
      description: 'One-time tasks for the patient (buy, pick up, book, arrange ...).',
      maxItems: MAX_ITEMS,
      items: {
        type: SchemaType.OBJECT,
        properties: {
          text: { type: SchemaType.STRING, description: `Task, at most ${MAX_TEXT_CHARS} characters.` },
        },
        required: ['text'],
      },
    },
    plan: {
      type: SchemaType.ARRAY,
      description: 'Recurring scheduled actions (medication, exercises, measurements).',
      maxItems: MAX_ITEMS,
      items: {
        type: SchemaType.OBJECT,
        properties: {
          text: {
            type: SchemaType.STRING,
            description: `Instruction without frequency/duration words, at most ${MAX_TEXT_CHARS} characters.`,
          },
          frequencyPerDay: {
            type: SchemaType.INTEGER,
            description: `Times per day, integer 1..${MAX_FREQUENCY_PER_DAY}.`,
          },
          durationDays: {
            type: SchemaType.INTEGER,
            description: `Number of days, integer 1..${MAX_DURATION_DAYS}.`,
          },
        },
        required: ['text', 'frequencyPerDay', 'durationDays'],
      },
    },
  },
  required: ['checklist', 'plan'],
};
