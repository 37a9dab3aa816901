// Factories: every test builds its own users through the real signup route, and its plans through
// the services (buildPlan), so a test about reminders need not wait on extraction or a whole day.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema.js';
import { inTransaction } from '../../src/events/unitOfWork.js';
import { submitNote } from '../../src/notes/submitNote.js';
import { storeSteps } from '../../src/steps/storeSteps.js';
import type { TestApp } from './app.js';
import { type AnyChecklistItem, type AnyPlanItem, stepsOf } from './steps.js';
import { client, request } from './http.js';
import { uniqueEmail } from './app.js';

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
  role: 'doctor' | 'patient';
  token: string;
  refreshToken: string;
  api: ReturnType<typeof client>;
}

export async function signup(url: string, role: 'doctor' | 'patient', name?: string): Promise<TestUser> {
  const email = uniqueEmail(role);
  const password = 'correct-horse-1';
  const res = await request(url, 'POST', '/api/auth/signup', {
    body: { name: name ?? `${role} ${email.slice(0, 12)}`, email, password, role },
  });
  assert.equal(res.status, 201, `signup failed: ${JSON.stringify(res.body)}`);
  const { user, session } = res.body;
  return {
    ...user,
    password,
    token: session.idToken,
    refreshToken: session.refreshToken,
    api: client(url, session.idToken),
  };
}

export const createDoctor = (url: string, name?: string) => signup(url, 'doctor', name);

/** A patient, optionally already assigned to `doctor`. */
export async function createPatient(url: string, opts: { doctor?: TestUser; name?: string } = {}): Promise<TestUser> {
  const patient = await signup(url, 'patient', opts.name);
  if (opts.doctor) {
    const res = await patient.api.put('/api/me/doctor', { doctorId: opts.doctor.id });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  return patient;
}

export interface PlanSpec {
  items: AnyPlanItem[];
  checklist?: AnyChecklistItem[];
  /** When each plan item's first reminder is due (default: in 50 ms); later ones follow each interval. */
  firstDueAt?: Date | null;
  /** The note's text (default: the steps' texts, one sentence each). */
  content?: string;
}

/**
 * A note by `doctor` for `patient` with these steps already stored, as the doctor's correction
 * stores them: the real commands, minus the extraction job (which would race to store its own).
 * The rows come back with their texts, so a test can wait for a `reminder:due` of an item at once.
 */
export async function buildPlan(
  team: { app: TestApp; doctor: { id: string }; patient: { id: string } },
  spec: PlanSpec,
) {
  const { app } = team;
  const steps = stepsOf({ checklist: spec.checklist ?? [], plan: spec.items });
  const content = spec.content ?? [...steps.plan, ...steps.checklist].map((s) => `${s.text}.`).join(' ');
  const [author] = await app.ctx.db.select().from(users).where(eq(users.id, team.doctor.id));
  assert.ok(author, `no user row for doctor ${team.doctor.id}`);
  const noEnqueue = { ...app.ctx, jobs: { ...app.ctx.jobs, enqueueExtraction: async () => {} } };
  const { note } = await submitNote(noEnqueue, author, team.patient.id, content);
  // null: no pin, the first dose is where the patient's clock puts it (a real day's tests).
  const firstDueAt = spec.firstDueAt === null ? undefined : (spec.firstDueAt ?? new Date(Date.now() + 50));
  const stored = await inTransaction(app.ctx, (uow) =>
    storeSteps(app.ctx, uow, note.id, { steps, holds: [] }, { extractor: 'doctor', model: null }, { firstDueAt }),
  );
  assert.ok(stored, `note ${note.id} was not stored`);
  // Its note is the patient's newest, so items born stopped mean a wrong "newer note" check.
  const born = stored.plan.filter((s) => s.status === 'stopped');
  assert.equal(born.length, 0, `note ${note.id}: plan items born stopped`);
  return {
    noteId: note.id,
    checklist: stored.checklist.map((row, i) => ({ ...row, text: steps.checklist[i]!.text })),
    plan: stored.plan.map((row, i) => ({ ...row, text: steps.plan[i]!.text })),
  };
}
