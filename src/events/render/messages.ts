// Messages: `message:new` (the text comes from the sealed message, for the two people it is
// wrapped for) and `message:read` (a read receipt: ids and a time, no text).
import type { Message } from '../../db/schema.js';
import type { EventData } from '../protocol.js';
import { plain, type Renderer, withText } from './renderer.js';

/** A message as stored in an event row and answered before its text is added: no text (DESIGN §6). */
export const messageStub = (m: Message) => ({
  id: m.id,
  patientId: m.patientId,
  doctorId: m.doctorId,
  authorId: m.authorId,
  createdAt: m.createdAt.toISOString(),
  readAt: m.readAt?.toISOString() ?? null,
});
export type MessageStub = ReturnType<typeof messageStub>;

export const messageRenderers = {
  'message:new': {
    needs: (s) => ({ messages: [s.message.id] }),
    render: (s, texts) => ({ message: withText(s.message, texts) }),
  } satisfies Renderer<{ message: MessageStub }, EventData['message:new']>,
  'message:read': plain<EventData['message:read']>(),
};
