// One web-push delivery, classified into what the caller should do next. Nothing here logs
// or throws: the payload may carry reminder text (health data), and web-push errors would
// otherwise travel up into logs. The caller decides on deletion and rescheduling.
import https from 'node:https';
import webpush from 'web-push';
import type { VapidKeys } from './vapid.js';
import { vapidAuthorization } from './vapidAuth.js';

export type PushOutcome =
  | { kind: 'sent' }
  | { kind: 'gone' }
  | { kind: 'retry'; afterMs: number }
  | { kind: 'failed'; status?: number };

export type PushSubscriptionKeys = { endpoint: string; p256dh: string; auth: string };

const DEFAULT_RETRY_AFTER_MS = 30_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 5 * 60_000;
// Without a timeout a stalled push service would hold a reminder worker indefinitely.
const DEFAULT_TIMEOUT_MS = 10_000;

/** One encrypted web-push request, ready to post: built here or on the push crypto thread (push/cryptoPool.ts). */
export interface PushRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string | number>;
  body: Uint8Array | null;
}

/** Encrypts one message for one subscription (RFC 8291): the same options wherever it runs. */
export function pushRequest(
  sub: PushSubscriptionKeys,
  payload: string,
  opts: { authorization: string; ttlSeconds: number },
): PushRequest {
  return webpush.generateRequestDetails(
    { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
    payload,
    {
      // Signed once per push service and reused (push/vapidAuth.ts), not per message.
      headers: { Authorization: opts.authorization },
      TTL: opts.ttlSeconds,
      urgency: 'high', // reminders are time-critical: ask the service not to batch them
      contentEncoding: 'aes128gcm', // RFC 8291; the legacy aesgcm draft is not used
    },
  ) as PushRequest;
}

export async function sendPush(
  sub: PushSubscriptionKeys,
  payload: object,
  opts: {
    vapid: VapidKeys;
    ttlSeconds: number;
    agent?: https.Agent;
    attempt?: number;
    timeoutMs?: number;
  },
): Promise<PushOutcome> {
  let request: PushRequest;
  try {
    const authorization = vapidAuthorization(sub.endpoint, opts.vapid);
    request = pushRequest(sub, JSON.stringify(payload), { authorization, ttlSeconds: opts.ttlSeconds });
  } catch (err) {
    return classify(err, opts.attempt ?? 0);
  }
  return postPush(request, opts);
}

/** Posts an encrypted request and classifies the answer. */
export async function postPush(
  request: PushRequest,
  opts: { agent?: https.Agent; attempt?: number; timeoutMs?: number },
): Promise<PushOutcome> {
  try {
    await post(request, opts.agent, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return { kind: 'sent' };
  } catch (err) {
    return classify(err, opts.attempt ?? 0);
  }
}

// As web-push's own sendNotification posts it: a bare request (no redirect is followed), a
// non-2xx answer rejected with its status and headers, a stalled one cut off as "Socket timeout".
function post(request: PushRequest, agent: https.Agent | undefined, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(request.endpoint),
      { method: request.method, headers: request.headers, agent, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status <= 299) resolve();
          else reject({ statusCode: status, headers: res.headers });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('Socket timeout')));
    req.on('error', reject);
    req.end(request.body ?? undefined);
  });
}

function classify(err: unknown, attempt: number): PushOutcome {
  const status = statusOf(err);
  if (status === undefined) {
    // Transport failures (refused, reset, DNS, timeout) are usually transient; anything else
    // without a status is a local error (malformed subscription keys) that will not heal.
    return isTransportError(err) ? { kind: 'retry', afterMs: backoffMs(attempt) } : { kind: 'failed' };
  }
  // RFC 8030 §7.3: the subscription expired or was unsubscribed; the caller deletes it.
  if (status === 404 || status === 410) return { kind: 'gone' };
  if (status === 429) {
    return { kind: 'retry', afterMs: parseRetryAfter(headerOf(err, 'retry-after')) ?? DEFAULT_RETRY_AFTER_MS };
  }
  if (status >= 500) {
    // A 503 may say when to come back; otherwise back off by attempt.
    return { kind: 'retry', afterMs: parseRetryAfter(headerOf(err, 'retry-after')) ?? backoffMs(attempt) };
  }
  // 3xx lands here too: web-push sends with a bare https.request, which never follows a redirect,
  // so a push service cannot bounce the request to an address the endpoint check refused.
  return { kind: 'failed', status };
}

/** 1s·2^attempt, capped at 5 minutes. Exported for callers that schedule their own retries. */
export function backoffMs(attempt: number): number {
  const n = Math.max(0, Math.floor(attempt));
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n, 30));
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

function headerOf(err: unknown, name: string): string | undefined {
  const headers = (err as { headers?: Record<string, string | string[] | undefined> } | null)?.headers;
  const h = headers?.[name];
  return Array.isArray(h) ? h[0] : h;
}

function isTransportError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // web-push destroys a timed-out request with this message and no code.
  if (err.message === 'Socket timeout') return true;
  // Errno-style codes (ECONNRESET, ETIMEDOUT, EAI_AGAIN…) are network trouble; Node's ERR_*
  // codes are argument or TLS verification errors that a retry will not fix.
  const code = (err as NodeJS.ErrnoException).code;
  return typeof code === 'string' && code.startsWith('E') && !code.startsWith('ERR_');
}
