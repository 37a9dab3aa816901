// @ts-check
// JSON over fetch with the session's bearer token. A 401 gets one token refresh and one retry;
// errors become ApiError with the server's stable code and a sentence a person can act on.
import { session } from './session.js';

export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {unknown} [details] */
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * @param {'GET' | 'POST' | 'PUT' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {{ auth?: boolean }} [opts]
 */
export async function api(method, path, body, { auth = true } = {}) {
  if (auth) await session.ensureFresh().catch(() => {});
  const send = () =>
    fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(auth ? { authorization: `Bearer ${session.idToken}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let res;
  try {
    res = await send();
    if (res.status === 401 && auth) {
      await session.refresh();
      res = await send();
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(
      0,
      'NETWORK',
      navigator.onLine
        ? 'The server did not answer. Please try again.'
        : 'You are offline. Try again when your connection is back.',
    );
  }
  if (res.status === 204) return {};
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = json.error ?? {};
    throw new ApiError(res.status, e.code ?? 'HTTP_ERROR', e.message ?? `request failed (${res.status})`, e.details);
  }
  return json;
}

/** @type {Record<string, string>} */
const FRIENDLY = {
  EMAIL_TAKEN: 'An account with this email already exists. Log in instead.',
  INVALID_CREDENTIALS: 'That email and password do not match an account.',
  RATE_LIMITED: 'Too many attempts. Please wait a minute and try again.',
  REMINDER_NOT_DUE: 'This reminder is not due yet.',
  REMINDER_MISSED: 'This reminder was missed. Check in on the next one.',
  REMINDER_CANCELLED: 'This reminder was cancelled by a newer note.',
  PLAN_SUPERSEDED: 'A newer note replaced this plan, so it can no longer be corrected.',
  NOTE_NOT_READY: 'Steps can be corrected once extraction has finished.',
  ITEM_CANCELLED: 'This item was cancelled by a newer note.',
  FORBIDDEN: 'You are not allowed to do that.',
  NO_DOCTOR: 'Choose a doctor before sending a message.',
  INVITE_REQUIRED: 'Doctors sign up with an invite. Ask your Carebeat administrator for one.',
  INVITE_INVALID: 'This invite cannot be used: it was used already, has expired, or is for another email.',
  INTERNAL: 'Something went wrong on our side. Please try again.',
};

/** A sentence for a person, from any error. @param {unknown} err */
export function describeError(err) {
  if (!(err instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (err.code === 'VALIDATION_FAILED' && Array.isArray(err.details) && err.details.length) {
    return err.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('. ');
  }
  return FRIENDLY[err.code] ?? capitalize(err.message);
}

/** @param {string} s */
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1) + (s.endsWith('.') ? '' : '.');
