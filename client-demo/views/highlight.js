// @ts-check
// Where a step came from: pointing at a step (hover, focus, or a click that pins it) marks its
// source phrase in the note's text with <mark>, so the doctor and the patient can check it.
import { h } from '../dom.js';

/** @type {{ noteId: string, source: string, pinned: boolean } | null} */
let current = null;

/** The note's text as nodes: the first occurrence of the marked source wrapped in <mark>. @param {string} content @param {string} noteId */
function parts(content, noteId) {
  const source = current?.noteId === noteId ? current.source : '';
  const at = source ? content.toLowerCase().indexOf(source.toLowerCase()) : -1;
  if (at < 0) return [content];
  return [
    content.slice(0, at),
    h('mark', { class: 'source-mark', text: content.slice(at, at + source.length) }),
    content.slice(at + source.length),
  ];
}

/** The note's text element, with its source mark if one is showing. @param {string} content @param {string} noteId */
export const noteText = (content, noteId) =>
  h('p', { class: 'note-text', 'data-note-id': noteId }, parts(content, noteId));

function redraw() {
  for (const el of document.querySelectorAll('.note-text[data-note-id]')) {
    const p = /** @type {HTMLElement} */ (el);
    const id = p.dataset.noteId ?? '';
    const content = p.textContent ?? '';
    p.replaceChildren(...parts(content, id));
  }
}

/** @param {string} noteId @param {string} source @param {boolean} [pinned] */
export function showSource(noteId, source, pinned = false) {
  current = { noteId, source, pinned };
  redraw();
}

/** @param {boolean} [unpin] */
export function clearSource(unpin = false) {
  if (!current || (current.pinned && !unpin)) return;
  current = null;
  redraw();
}

/** Props that make an element point at its source phrase. @param {{ noteId: string, source: string }} item */
export function sourceHandlers(item) {
  if (!item.source) return {};
  const show = () => {
    if (!current?.pinned) showSource(item.noteId, item.source);
  };
  return {
    title: `From the note: “${item.source}”`,
    on: {
      mouseenter: show,
      focusin: show,
      mouseleave: () => clearSource(),
      focusout: () => clearSource(),
      click: (/** @type {Event} */ e) => {
        if (/** @type {HTMLElement} */ (e.target).closest('button, input, label')) return;
        const same = current?.pinned && current.noteId === item.noteId && current.source === item.source;
        if (same) clearSource(true);
        else showSource(item.noteId, item.source, true);
      },
    },
  };
}
