// The usual cast of a care test: a running app, a doctor, their patient, both with live sockets.
import type { StartOptions } from '../../src/app.js';
import { startTestApp, type TestApp } from './app.js';
import { createDoctor, createPatient, type TestUser } from './factories.js';
import { connectSocket, type TestSocket } from './sockets.js';

export interface CareTeam {
  app: TestApp;
  doctor: TestUser;
  patient: TestUser;
  ds: TestSocket;
  ps: TestSocket;
  stop(): Promise<void>;
}

export async function buildCareTeam(env: Record<string, string> = {}, opts: StartOptions = {}): Promise<CareTeam> {
  const app = await startTestApp(env, opts);
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  const ds = await connectSocket(app.url, doctor.token);
  const ps = await connectSocket(app.url, patient.token);
  return {
    app,
    doctor,
    patient,
    ds,
    ps,
    stop: async () => {
      ds.close();
      ps.close();
      await app.stop();
    },
  };
}
