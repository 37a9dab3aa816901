// @ts-check
// Messages over HTTP: sending, and the read receipt for what is on screen. The events
// (`message:new`, `message:read`) bring the results back to every device; messages.js merges them.
import { api } from './api.js';
import { messagesOf } from './messages.js';

/** @param {string} patientId @param {string} text */
export const sendMessage = (patientId, text) => api('POST', `/api/patients/${patientId}/messages`, { text });

/** Receipts already sent (or on their way), so a re-render does not send one twice. */
const asked = new Set();

/**
 * The thread is on screen: the newest message from the other side that is still unread gets its
 * receipt (the server marks it and every earlier one). Only while the page is visible.
 * @param {string} patientId @param {string} readerId
 */
export function markThreadRead(patientId, readerId) {
  if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
  const unread = [...messagesOf(patientId).values()]
    .filter((m) => m.authorId !== readerId && !m.readAt)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const newest = unread.at(-1);
  if (!newest || asked.has(newest.id)) return;
  asked.add(newest.id);
  api('POST', `/api/messages/${newest.id}/read`).catch(() => asked.delete(newest.id));
}
