// Notes, steps, reminders, check-ins and the checklist: each route validates, calls one service
// function and returns what it presents.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { completeItem } from '../../checklist/completeItem.js';
import { listNotes } from '../../notes/listNotes.js';
import { noteBody, stepsCorrectionInput } from '../../notes/schemas.js';
import { submitNote } from '../../notes/submitNote.js';
import { listReminders } from '../../doses/listReminders.js';
import { confirmSteps } from '../../steps/confirmSteps.js';
import { correctSteps } from '../../steps/correctSteps.js';
import { readSteps } from '../../steps/readSteps.js';
import { readTimeline } from '../../timeline/readTimeline.js';
import { timelineQuery } from '../../timeline/schemas.js';
import { currentUser } from '../authenticate.js';
import { emptyBody, idParam, parse } from '../../validate.js';

export function careRoutes(ctx: AppContext): Router {
  const r = Router();
  const patientId = (params: unknown) => parse(idParam('patientId'), params, 'path').patientId as string;
  const id = (params: unknown, name = 'id') => parse(idParam(name), params, 'path')[name] as string;

  r.post('/patients/:patientId/notes', async (req, res) => {
    const pid = patientId(req.params);
    const { content, mode } = parse(noteBody, req.body);
    res.status(202).json(await submitNote(ctx, currentUser(res), pid, content, mode));
  });
  r.get('/patients/:patientId/notes', async (req, res) => {
    res.json(await listNotes(ctx, currentUser(res), patientId(req.params)));
  });
  r.get('/patients/:patientId/steps', async (req, res) => {
    res.json(await readSteps(ctx, currentUser(res), patientId(req.params)));
  });
  r.put('/notes/:noteId/steps', async (req, res) => {
    const noteId = id(req.params, 'noteId');
    res.json(await correctSteps(ctx, currentUser(res), noteId, parse(stepsCorrectionInput, req.body)));
  });
  r.post('/notes/:noteId/steps/confirm', async (req, res) => {
    const noteId = id(req.params, 'noteId');
    parse(emptyBody, req.body);
    res.json(await confirmSteps(ctx, currentUser(res), noteId));
  });
  r.get('/patients/:patientId/timeline', async (req, res) => {
    const pid = patientId(req.params);
    const { before, limit } = parse(timelineQuery, req.query, 'query');
    res.json(await readTimeline(ctx, currentUser(res), pid, { before: before ?? null, limit }));
  });
  r.get('/patients/:patientId/reminders', async (req, res) => {
    res.json(await listReminders(ctx, currentUser(res), patientId(req.params)));
  });
  r.post('/checklist/:id/done', async (req, res) => {
    const cid = id(req.params);
    parse(emptyBody, req.body);
    res.json(await completeItem(ctx, currentUser(res), cid));
  });
  return r;
}
