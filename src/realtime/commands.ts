// The explicit registry of client → server commands. Each validates with zod and calls the same
// service function its HTTP twin calls.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { parse } from '../validate.js';
import { acknowledge } from '../events/receipts.js';
import { submitNote } from '../notes/submitNote.js';
import { noteSubmitInput, stepsCorrectionInput } from '../notes/schemas.js';
import { confirmSteps } from '../steps/confirmSteps.js';
import { correctSteps } from '../steps/correctSteps.js';

export interface Command {
  handle(ctx: AppContext, user: User, data: unknown): Promise<Record<string, unknown>>;
}

// Seqs are PostgreSQL int columns: a larger number would fail inside the query (a 500), not here.
const seq = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
// One sync renders (and opens the texts of) every event it returns: pages stay small, the client
// follows `hasMore`.
const SYNC_MAX = 200;
const SYNC_DEFAULT = 100;
const syncInput = z.object({ afterSeq: seq, limit: z.number().int().min(1).max(SYNC_MAX).optional() }).strict();
const ackInput = z.object({ uptoSeq: seq }).strict();
const confirmInput = z.object({ noteId: z.string().uuid() }).strict();
const correctInput = z.object({ noteId: z.string().uuid(), steps: stepsCorrectionInput }).strict();

export const commands: Record<string, Command> = {
  sync: {
    handle: async (ctx, user, data) => {
      const { afterSeq, limit } = parse(syncInput, data, 'sync payload');
      return ctx.events.sync(user.id, afterSeq, limit ?? SYNC_DEFAULT);
    },
  },
  ack: {
    handle: async (ctx, user, data) => {
      await acknowledge(ctx, user, parse(ackInput, data, 'ack payload').uptoSeq);
      return {};
    },
  },
  'note:submit': {
    handle: async (ctx, user, data) => {
      const input = parse(noteSubmitInput, data, 'note:submit payload');
      return submitNote(ctx, user, input.patientId, input.content, input.mode);
    },
  },
  'steps:confirm': {
    handle: async (ctx, user, data) => ({
      ...(await confirmSteps(ctx, user, parse(confirmInput, data, 'steps:confirm payload').noteId)),
    }),
  },
  'steps:correct': {
    handle: async (ctx, user, data) => {
      const { noteId, steps } = parse(correctInput, data, 'steps:correct payload');
      return { ...(await correctSteps(ctx, user, noteId, steps)) };
    },
  },
};
