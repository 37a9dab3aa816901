// `npm run bench:notes`'s clients: HTTP calls and sign-ups against the app, sockets, and running
// submits `width` at a time or at set moments.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

export async function pool<T>(count: number, width: number, task: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (started < count) {
        started++;
        out.push(await task());
      }
    }),
  );
  return out;
}

export const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

export async function call(url: string, token: string | null, method: string, p: string, body?: unknown): Promise<any> {
  const res = await fetch(url + p, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
  return json;
}

export async function signup(url: string, role: string, i: number) {
  const email = `${role}${i}-${randomBytes(4).toString('hex')}@bench.carebeat.dev`;
  const { user, session } = await call(url, null, 'POST', '/api/auth/signup', {
    name: `${role} ${i}`,
    email,
    password: 'bench-password-1',
    role,
  });
  return { id: user.id as string, token: session.idToken as string };
}

export function connect(url: string, token: string, all: Socket[]): Promise<Socket> {
  const s = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  all.push(s);
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
