// @ts-check
// Messages in a patient's record: merged from `message:new` and `message:read` events, whichever
// way they came (live, `sync`, a timeline page read newest first), so a receipt read before its
// message still lands. Sending and marking read are in messages-api.js (this file stays pure).
import { record, store } from './store.js';

/** @typedef {import('../src/events/protocol.ts').MessageView} Message */

/** The record's messages, by id (kept on the record, so a logout clears them with it). @param {string} patientId */
export function messagesOf(patientId) {
  const rec = record(patientId);
  rec.messages ??= new Map();
  return /** @type {Map<string, Message>} */ (rec.messages);
}

/** Receipts seen before their message (a timeline page read newest first). */
const early = new Map();

/** @param {string} type @param {any} p @returns {{ patientId: string | null, message?: string } | null} */
export function applyMessageEvent(type, p) {
  if (type === 'message:new') {
    const m = /** @type {Message} */ (p.message);
    const thread = messagesOf(m.patientId);
    const readAt = thread.get(m.id)?.readAt ?? early.get(m.id) ?? m.readAt;
    thread.set(m.id, { ...m, readAt });
    early.delete(m.id);
    const fromOther = m.authorId !== store.user?.id;
    const who =
      store.user?.role === 'doctor' ? (store.patients.get(m.patientId)?.name ?? 'Your patient') : 'Your doctor';
    return { patientId: m.patientId, message: fromOther ? `New message from ${who}.` : undefined };
  }
  if (type === 'message:read') {
    const thread = messagesOf(p.patientId);
    for (const id of p.messageIds) {
      const m = thread.get(id);
      if (m) thread.set(id, { ...m, readAt: m.readAt ?? p.readAt });
      else early.set(id, p.readAt);
    }
    return { patientId: p.patientId };
  }
  return null;
}

/** The POST's answer, shown at once (its event may still be on the way; the merge is the same). @param {{ message: Message }} answer */
export function mergeMessageAnswer(answer) {
  const thread = messagesOf(answer.message.patientId);
  if (!thread.has(answer.message.id)) thread.set(answer.message.id, answer.message);
}
