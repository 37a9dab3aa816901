// The socket twins of the message routes (http/routes/messages.ts): the same commands, the same inputs.
import { markMessageRead } from '../messages/markMessageRead.js';
import { messageReadCommand, messageSendCommand } from '../messages/schemas.js';
import { sendMessage } from '../messages/sendMessage.js';
import { parse } from '../validate.js';
import type { Command } from './commands.js';

export const messageCommands: Record<string, Command> = {
  'message:send': {
    handle: (ctx, user, data) => {
      const { patientId, text } = parse(messageSendCommand, data, 'message:send payload');
      return sendMessage(ctx, user, patientId, text);
    },
  },
  'message:read': {
    handle: (ctx, user, data) =>
      markMessageRead(ctx, user, parse(messageReadCommand, data, 'message:read payload').messageId),
  },
};
