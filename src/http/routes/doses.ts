// Doses (DESIGN §4 v2): take, skip, snooze, as-needed doses, the calendar, adherence and alert
// acknowledgement. Each route validates, calls one command (the socket twin calls the same) and
// returns what it presents.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { ackAlert } from '../../doses/ackAlert.js';
import { exportAdherenceCsv } from '../../doses/adherenceCsv.js';
import { listOpenAlerts } from '../../doses/listAlerts.js';
import { listDoses } from '../../doses/listDoses.js';
import { logPrnDose } from '../../doses/logPrnDose.js';
import { readAdherence } from '../../doses/readAdherence.js';
import { adherenceQuery, dosesQuery, prnBody, skipBody, snoozeBody } from '../../doses/schemas.js';
import { skipDose } from '../../doses/skipDose.js';
import { snoozeDose } from '../../doses/snoozeDose.js';
import { takeDose } from '../../doses/takeDose.js';
import { emptyBody, idParam, parse } from '../../validate.js';
import { currentUser } from '../authenticate.js';

export function doseRoutes(ctx: AppContext): Router {
  const r = Router();
  const id = (params: unknown, name = 'id') => parse(idParam(name), params, 'path')[name] as string;

  r.post('/doses/:id/take', async (req, res) => {
    const doseId = id(req.params);
    parse(emptyBody, req.body);
    res.json(await takeDose(ctx, currentUser(res), doseId));
  });
  r.post('/reminders/:id/checkin', async (req, res) => {
    // v1's name for take (DESIGN §4): the same command, with the v1 key alongside.
    const doseId = id(req.params);
    parse(emptyBody, req.body);
    const out = await takeDose(ctx, currentUser(res), doseId);
    res.json({ ...out, reminder: out.dose });
  });
  r.post('/doses/:id/skip', async (req, res) => {
    const doseId = id(req.params);
    res.json(await skipDose(ctx, currentUser(res), doseId, parse(skipBody, req.body ?? {}).reason));
  });
  r.post('/doses/:id/snooze', async (req, res) => {
    const doseId = id(req.params);
    res.json(await snoozeDose(ctx, currentUser(res), doseId, parse(snoozeBody, req.body).minutes));
  });
  r.post('/plan-items/:id/prn-doses', async (req, res) => {
    const itemId = id(req.params);
    res.status(201).json(await logPrnDose(ctx, currentUser(res), itemId, parse(prnBody, req.body ?? {}).overMax));
  });
  r.get('/patients/:patientId/doses', async (req, res) => {
    const pid = id(req.params, 'patientId');
    res.json(await listDoses(ctx, currentUser(res), pid, parse(dosesQuery, req.query, 'query')));
  });
  r.get('/patients/:patientId/adherence', async (req, res) => {
    const pid = id(req.params, 'patientId');
    res.json(await readAdherence(ctx, currentUser(res), pid, parse(adherenceQuery, req.query, 'query').days));
  });
  r.get('/patients/:patientId/adherence.csv', async (req, res) => {
    const pid = id(req.params, 'patientId');
    const csv = await exportAdherenceCsv(ctx, currentUser(res), pid, parse(adherenceQuery, req.query, 'query').days);
    // pid is a validated UUID, so the quoted filename needs no escaping.
    res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="adherence-${pid}.csv"`);
    res.send(csv);
  });
  r.get('/me/alerts', async (_req, res) => {
    res.json(await listOpenAlerts(ctx, currentUser(res)));
  });
  r.post('/alerts/:id/ack', async (req, res) => {
    const alertId = id(req.params);
    parse(emptyBody, req.body);
    res.json(await ackAlert(ctx, currentUser(res), alertId));
  });
  return r;
}
