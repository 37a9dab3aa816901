// @ts-check
// The correction editor's checklist rows: a task and its due day, read back as the correction's
// item (keeping the item's id and source).
import { h } from '../dom.js';
import { field, nextId, num, numberOrNull, removeButton, value } from './editor-rows.js';

/** @param {{ id?: string, text?: string, dueInDays?: number | null, source?: string, done?: boolean }} c */
export function checkRow(c) {
  const id = nextId('ec');
  const row = h('li', { class: 'edit-row check-row', 'data-id': c.id ?? '', 'data-source': c.source ?? '' });
  row.append(
    h(
      'div',
      { class: 'edit-line' },
      field(
        'Task',
        h('input', { id, name: 'check-text', value: c.text ?? '', maxlength: '500', required: true }),
        'grow',
      ),
      field(
        'Due in days',
        num(`${id}-due`, 'check-due', c.dueInDays == null ? '' : String(c.dueInDays), { min: '0', max: '365' }),
      ),
      c.done ? h('span', { class: 'chip chip-ok', text: 'done' }) : removeButton(row, 'task'),
    ),
  );
  return row;
}

/** @param {HTMLElement} row @returns {{ id?: string, text: string, dueInDays: number | null, source: string } | string} */
export function readCheckRow(row) {
  const text = value(row, 'check-text');
  if (!text) return 'Every item needs some text (or remove it).';
  const dueInDays = numberOrNull(value(row, 'check-due'));
  if (dueInDays !== null && !(Number.isInteger(dueInDays) && dueInDays >= 0 && dueInDays <= 365))
    return `“${text}”: due in days must be a whole number from 0 to 365 (or left empty).`;
  return { ...(row.dataset.id ? { id: row.dataset.id } : {}), text, dueInDays, source: row.dataset.source ?? '' };
}
