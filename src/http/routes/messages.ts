// Two-way messages (issue 15): send in the thread of a patient's care, read it, and the read
// receipt. Each route validates, calls one command (the socket twin calls the same) and presents.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { listMessages } from '../../messages/listMessages.js';
import { markMessageRead } from '../../messages/markMessageRead.js';
import { messageBody, messagesQuery } from '../../messages/schemas.js';
import { sendMessage } from '../../messages/sendMessage.js';
import { emptyBody, idParam, parse } from '../../validate.js';
import { currentUser } from '../authenticate.js';

export function messageRoutes(ctx: AppContext): Router {
  const r = Router();
  const id = (params: unknown, name = 'id') => parse(idParam(name), params, 'path')[name] as string;

  r.post('/patients/:patientId/messages', async (req, res) => {
    const pid = id(req.params, 'patientId');
    res.status(201).json(await sendMessage(ctx, currentUser(res), pid, parse(messageBody, req.body).text));
  });
  r.get('/patients/:patientId/messages', async (req, res) => {
    const pid = id(req.params, 'patientId');
    res.json(await listMessages(ctx, currentUser(res), pid, parse(messagesQuery, req.query, 'query')));
  });
  r.post('/messages/:id/read', async (req, res) => {
    const messageId = id(req.params);
    parse(emptyBody, req.body);
    res.json(await markMessageRead(ctx, currentUser(res), messageId));
  });
  return r;
}
