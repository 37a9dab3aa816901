// The one error module: typed errors with a stable `code`. HTTP maps them in http/errorHandler.ts,
// sockets in realtime/ack.ts; services only ever throw these.
import type { ZodError } from 'zod';
import { DecryptionError } from './crypto/errors.js';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationFailed = (message: string, details?: unknown) =>
  new AppError(400, 'VALIDATION_FAILED', message, details);
export const unauthorized = (message = 'authentication required') => new AppError(401, 'UNAUTHORIZED', message);
export const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', 'email or password is wrong');
export const forbidden = (message = 'not allowed') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
/** Doctor signup in invite mode without a token, and a token that is unknown, used, expired or for another email. */
export const inviteRequired = () => new AppError(403, 'INVITE_REQUIRED', 'doctor signup needs an invite');
export const inviteInvalid = () => new AppError(403, 'INVITE_INVALID', 'the invite is not valid for this signup');

/** A push action token that is malformed, forged, expired, or for another action. */
export const actionTokenInvalid = () =>
  new AppError(401, 'ACTION_TOKEN_INVALID', 'this notification action is no longer valid; open Carebeat');
export const actionTokenUsed = () =>
  new AppError(409, 'ACTION_TOKEN_USED', 'this notification action was already used');

export const rateLimitUnavailable = () =>
  new AppError(503, 'RATE_LIMIT_UNAVAILABLE', 'service temporarily unavailable, try again shortly');

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', 'too many requests, slow down');
  }
}

export function fromZod(error: ZodError, what = 'request body'): AppError {
  const details = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return validationFailed(`invalid ${what}`, details);
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Anything that is not an AppError is an internal error: its message is never shown. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const body: ErrorBody = { code: err.code, message: err.message };
    if (err.details !== undefined) body.details = err.details;
    return { status: err.status, body };
  }
  // Stored ciphertext, tag, IV or a key wrap that no longer authenticates: say so clearly (it is
  // corruption or tampering, not a bug in the request), without saying which check failed.
  if (err instanceof DecryptionError) {
    return { status: 500, body: { code: 'DATA_INTEGRITY', message: 'stored data failed its integrity check' } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'internal error' } };
}

export const databaseUnavailable = () =>
  new AppError(503, 'DATABASE_UNAVAILABLE', 'service temporarily unavailable, try again shortly');

// PostgreSQL went away under a request: admin_shutdown / crash_shutdown / cannot_connect_now,
// connection exceptions (class 08), or the socket itself refused or cut (node-postgres' errors).
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const CONNECTION_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/;

/**
 * A lost or refused database connection as the 503 it is (not the request's fault, and retrying
 * shortly works), else null. Drizzle wraps the driver's error: the cause chain is searched.
 */
export function fromConnectionError(err: unknown): AppError | null {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return databaseUnavailable();
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return databaseUnavailable();
  }
  return null;
}
