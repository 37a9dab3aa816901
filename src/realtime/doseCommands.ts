// The socket twins of the dose routes (http/routes/doses.ts): the same commands, the same inputs.
import { ackAlert } from '../doses/ackAlert.js';
import { logPrnDose } from '../doses/logPrnDose.js';
import { alertCommand, doseCommand, prnCommandBody, skipCommand, snoozeCommand } from '../doses/schemas.js';
import { skipDose } from '../doses/skipDose.js';
import { snoozeDose } from '../doses/snoozeDose.js';
import { takeDose } from '../doses/takeDose.js';
import { parse } from '../validate.js';
import type { Command } from './commands.js';
import { z } from 'zod';

const checkinInput = z.object({ reminderId: z.string().uuid() }).strict();

export const doseCommands: Record<string, Command> = {
  'dose:take': {
    handle: (ctx, user, data) => takeDose(ctx, user, parse(doseCommand, data, 'dose:take payload').doseId),
  },
  'reminder:checkin': {
    handle: async (ctx, user, data) => {
      const out = await takeDose(ctx, user, parse(checkinInput, data, 'reminder:checkin payload').reminderId);
      return { ...out, reminder: out.dose };
    },
  },
  'dose:skip': {
    handle: (ctx, user, data) => {
      const { doseId, reason } = parse(skipCommand, data, 'dose:skip payload');
      return skipDose(ctx, user, doseId, reason);
    },
  },
  'dose:snooze': {
    handle: (ctx, user, data) => {
      const { doseId, minutes } = parse(snoozeCommand, data, 'dose:snooze payload');
      return snoozeDose(ctx, user, doseId, minutes);
    },
  },
  'prn:log': {
    handle: (ctx, user, data) => {
      const { planItemId, overMax } = parse(prnCommandBody, data, 'prn:log payload');
      return logPrnDose(ctx, user, planItemId, overMax);
    },
  },
  'alert:ack': {
    handle: (ctx, user, data) => ackAlert(ctx, user, parse(alertCommand, data, 'alert:ack payload').alertId),
  },
};
