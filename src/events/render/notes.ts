// Notes: `note:new` (the text comes from the sealed note), `note:seen` (the patient's read
// receipt) and `steps:failed`.
import type { Note } from '../../db/schema.js';
import type { EventData } from '../protocol.js';
import { plain, type Renderer } from './renderer.js';

/** The note as stored in an event row: no text (DESIGN.md §6). Also the 202 answer to a submit. */
export const noteStub = (n: Note) => ({
  id: n.id,
  patientId: n.patientId,
  doctorId: n.doctorId,
  status: n.status,
  mode: n.mode,
  createdAt: n.createdAt.toISOString(),
});
export type NoteStub = ReturnType<typeof noteStub>;

export const noteRenderers = {
  'note:new': {
    needs: (s) => ({ notes: [s.note.id] }),
    render: (s, texts) => ({ note: { ...s.note, content: texts.get(s.note.id) ?? '' } }),
  } satisfies Renderer<{ note: NoteStub }, EventData['note:new']>,
  'note:seen': plain<EventData['note:seen']>(),
  'steps:failed': plain<EventData['steps:failed']>(),
};
