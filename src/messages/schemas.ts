// Inputs of the message routes and their socket twins (zod): one schema per input, shared.
import { z } from 'zod';

/** A short message, not a document: longer text is refused with a clear error, never cut. */
export const MESSAGE_MAX_CHARS = 2000;

// Newlines and tabs are text; other control characters (NUL, escapes) have no place in a message.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const messageText = z
  .string()
  .max(MESSAGE_MAX_CHARS, `a message is at most ${MESSAGE_MAX_CHARS} characters`)
  .refine((t) => t.trim().length > 0, 'a message cannot be empty')
  .refine((t) => !CONTROL.test(t), 'a message cannot contain control characters');

export const messageBody = z.object({ text: messageText }).strict();
export const messageSendCommand = z.object({ patientId: z.string().uuid(), text: messageText }).strict();
export const messageReadCommand = z.object({ messageId: z.string().uuid() }).strict();

export const messagesQuery = z
  .object({
    /** A message id of the thread: the page ends before it (older messages). */
    before: z.string().uuid().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type MessagesQuery = z.infer<typeof messagesQuery>;
