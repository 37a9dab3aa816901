// Gemini's responseSchema for the v2 extraction, built from the limits and enums of schema.ts so
// the model is asked for exactly what zod then accepts. The SDK's Schema type (OpenAPI subset)
// has no minimum/maximum or string length, so those ranges are stated in descriptions and zod
// stays the gate: anything out of range is invalid output and is retried.
import { type ResponseSchema, type Schema, SchemaType } from '@google/generative-ai';
import {
  MAX_DUE_IN_DAYS,
  MAX_DURATION_DAYS,
  MAX_FREQUENCY,
  MAX_ITEMS,
  MAX_PERIOD,
  MAX_REASON_CHARS,
  MAX_SOURCE_CHARS,
  MAX_START_DAY,
  MAX_TEXT_CHARS,
  PERIOD_UNITS,
  WEEKDAYS,
  WHEN,
} from './schema.js';

const string = (description: string): Schema => ({ type: SchemaType.STRING, description });
const integer = (description: string, nullable = false): Schema => ({
  type: SchemaType.INTEGER,
  description,
  ...(nullable ? { nullable: true } : {}),
});
const oneOf = (values: readonly string[], description: string): Schema => ({
  type: SchemaType.STRING,
  format: 'enum',
  enum: [...values],
  description,
});
const list = (items: Schema, maxItems: number, description?: string): Schema => ({
  type: SchemaType.ARRAY,
  items,
  maxItems,
  ...(description ? { description } : {}),
});
/** An object whose every property is required (nullable ones are present as null). */
const object = (
  properties: Record<string, Schema>,
  extra: { nullable?: boolean; description?: string } = {},
): Schema => ({
  type: SchemaType.OBJECT,
  properties,
  required: Object.keys(properties),
  ...extra,
});

const text = string(
  `The action without timing words, e.g. "Take amoxicillin 500 mg". At most ${MAX_TEXT_CHARS} characters.`,
);
const source = string(
  `The exact words of the note this came from, copied verbatim. At most ${MAX_SOURCE_CHARS} characters.`,
);

export const timingResponseSchema = object(
  {
    frequency: integer(`Doses per period, integer 1..${MAX_FREQUENCY}.`),
    period: integer(`Length of the period, integer 1..${MAX_PERIOD}.`),
    periodUnit: oneOf(PERIOD_UNITS, 'Unit of the period: h hours, d days, wk weeks, mo months.'),
    dayOfWeek: list(
      oneOf(WEEKDAYS, 'A weekday the note names.'),
      WEEKDAYS.length,
      'Only with periodUnit "wk" and exactly `frequency` days; else empty.',
    ),
    timeOfDay: list(string('A clock time the note states, "HH:MM" (24 h).'), MAX_FREQUENCY),
    when: list(oneOf(WHEN, 'A moment of the day the note names.'), WHEN.length),
    durationDays: integer(
      `Days the course lasts as the note states, integer 1..${MAX_DURATION_DAYS}; null when the note says it is ongoing.`,
      true,
    ),
    startDay: integer(`Days from today the item starts (0 today), integer 0..${MAX_START_DAY}; later taper phases.`),
  },
  { nullable: true, description: 'FHIR-like Timing.repeat. Null only for an as-needed item with no stated maximum.' },
);

export const geminiResponseSchema: ResponseSchema = object({
  checklist: list(
    object({
      text,
      dueInDays: integer(`Days from today the task is due, integer 0..${MAX_DUE_IN_DAYS}; null when not stated.`, true),
      source,
    }),
    MAX_ITEMS,
    'One-time tasks for the patient.',
  ),
  plan: list(
    object({
      text,
      asNeeded: { type: SchemaType.BOOLEAN, description: 'True for PRN / as needed / when required.' },
      timing: timingResponseSchema,
      source,
    }),
    MAX_ITEMS,
    'Things the patient does on a schedule, or as needed.',
  ),
  unclear: list(
    object({
      source,
      reason: string(`Why it cannot become a safe schedule, for the doctor. At most ${MAX_REASON_CHARS} characters.`),
    }),
    MAX_ITEMS,
    'Instructions that could not become a safe schedule.',
  ),
});
