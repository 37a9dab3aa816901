// Factories: every test builds its own users through the real signup route.
import assert from 'node:assert/strict';
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
