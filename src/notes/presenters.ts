import type { Note } from '../db/schema.js';

/** The note as stored in an event row: no text (DESIGN.md §6). */
export const noteEventStub = (n: Note) => ({
  id: n.id,
  patientId: n.patientId,
  doctorId: n.doctorId,
  status: n.status,
  createdAt: n.createdAt.toISOString(),
});

export const presentNoteAccepted = (n: Note) => ({
  id: n.id,
  patientId: n.patientId,
  doctorId: n.doctorId,
  status: n.status,
  createdAt: n.createdAt.toISOString(),
});

export const presentNote = (n: Note, content: string) => ({
  id: n.id,
  content,
  status: n.status,
  createdAt: n.createdAt.toISOString(),
  doctorId: n.doctorId,
  extractor: n.extractor,
  model: n.model,
  seenAt: n.seenAt ? n.seenAt.toISOString() : null,
  failureReason: n.failureReason,
});
