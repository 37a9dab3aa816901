// The extraction pipeline tests' cast: an app per test file (on its own Redis prefix), a doctor and
// patient with live sockets, and what to read back. Files call `after(stopParties)`.
import { eq } from 'drizzle-orm';
import { checklistItems, planItems } from '../../src/db/schema.js';
import { requireEnv, type TestApp } from './app.js';
import { createDoctor, createPatient, type TestUser } from './factories.js';
import { connectSocket, type TestSocket } from './sockets.js';

// Each app gets its own Redis prefix: workers on one prefix share the queues, and a job must be
// taken by the app whose extractor the test configured.
export const prefix = (tag: string) => `${requireEnv('TEST_REDIS_PREFIX')}:${tag}`;
export const byNote = (id: string) => (p: any) => p.noteId === id || p.note?.id === id;

export interface Party {
  app: TestApp;
  doctor: TestUser;
  patient: TestUser;
  ds: TestSocket;
  ps: TestSocket;
}
const parties: Party[] = [];
export async function party(app: TestApp): Promise<Party> {
  const doctor = await createDoctor(app.url);
  const patient = await createPatient(app.url, { doctor });
  const p = {
    app,
    doctor,
    patient,
    ds: await connectSocket(app.url, doctor.token),
    ps: await connectSocket(app.url, patient.token),
  };
  parties.push(p);
  return p;
}

export async function stopParties() {
  for (const p of parties) {
    p.ds.close();
    p.ps.close();
  }
  for (const app of new Set(parties.map((p) => p.app))) await app.stop();
}

export const stepRows = async (app: TestApp, noteId: string) => [
  ...(await app.ctx.db.select().from(checklistItems).where(eq(checklistItems.noteId, noteId))),
  ...(await app.ctx.db.select().from(planItems).where(eq(planItems.noteId, noteId))),
];
export const extractionJobs = (app: TestApp) => `${app.config.redisPrefix}:bq:extraction`;
