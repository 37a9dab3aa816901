// FHIR R4 export (DESIGN §4): the patient's record as a Bundle for a hospital's record system.
import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { exportPatientFhir, FHIR_CONTENT_TYPE } from '../../fhir/exportPatient.js';
import { idParam, parse } from '../../validate.js';
import { currentUser } from '../authenticate.js';

export function fhirRoutes(ctx: AppContext): Router {
  const r = Router();
  r.get('/patients/:patientId/fhir', async (req, res) => {
    const pid = parse(idParam('patientId'), req.params, 'path').patientId as string;
    const bundle = await exportPatientFhir(ctx, currentUser(res), pid);
    res.type(FHIR_CONTENT_TYPE).send(JSON.stringify(bundle));
  });
  return r;
}
