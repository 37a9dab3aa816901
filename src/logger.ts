// pino, with every place a secret could sit stripped before a line is written. Note text is never
// passed to a logger at all; this is the second line of defence, and it works at any depth (pino's
// own `redact` paths match fixed depths only, and a new log call would slip past them).
import type { DestinationStream } from 'pino';
import { pino, type Logger } from 'pino';
import { AppError } from './errors.js';

export type { Logger };

const CENSOR = '[redacted]';
// Field names that hold credentials, key material, push capabilities or text a person wrote.
const SECRET_WORDS = ['token', 'password', 'secret', 'content', 'text', 'key', 'keys', 'auth', 'p256dh', 'endpoint'];
const SECRET_EXACT = new Set(['authorization', 'cookie', 'params', 'query', 'stack', 'sql']);

export function isSecretField(name: string): boolean {
  const lower = name.toLowerCase();
  if (SECRET_EXACT.has(lower)) return true;
  // Whole words only: `idToken`, `wrapped_private_key`, `content` yes; `context`, `keyVersion` no.
  return SECRET_WORDS.some(
    (w) => lower === w || name.endsWith(w[0]!.toUpperCase() + w.slice(1)) || lower.endsWith(`_${w}`),
  );
}

/**
 * What may be logged of an error: its name and a SQLSTATE code. A query error's message holds
 * the statement's parameters (names, emails, key wraps) and a stack is no use to an attacker's
 * victim, so neither is kept; only our own AppError messages are known to be safe.
 */
export function describeError(err: unknown): { name: string; code?: string; message?: string } {
  const e = err as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  // Some libraries leave `name` at 'Error' (drizzle's DrizzleQueryError): the class says more.
  const ctor = (err as { constructor?: { name?: string } } | null)?.constructor?.name;
  const name = typeof e?.name === 'string' && e.name !== 'Error' ? e.name : ctor || typeof err;
  const code = [e?.code, e?.cause?.code].find((c) => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) as
    | string
    | undefined;
  const out: { name: string; code?: string; message?: string } = { name };
  if (code) out.code = code;
  if (err instanceof AppError) out.message = err.message;
  return out;
}

function scrub(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (value instanceof Error) return describeError(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 8) return '[truncated]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, seen, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretField(k) ? CENSOR : scrub(v, seen, depth + 1);
  return out;
}

export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: DestinationStream) {
  const options = {
    level,
    base: { service: 'carebeat', ...base },
    formatters: { log: (obj: Record<string, unknown>) => scrub(obj, new WeakSet(), 0) as Record<string, unknown> },
    // An error reaching pino's serializer directly (log.error(err)) gets the same treatment.
    serializers: { err: (err: unknown) => (err instanceof Error ? describeError(err) : err) },
  };
  return destination ? pino(options, destination) : pino(options);
}
