// The VAPID Authorization header (RFC 8292) per push service, signed once and reused until close
// to its expiry: web-push would sign an ES256 JWT for every message (≈ 2 ms of CPU here), which a
// burst of thousands of pushes to the same few services pays thousands of times for nothing.
import webpush from 'web-push';
import type { VapidKeys } from './vapid.js';

// Push services accept a JWT valid up to 24 h; signed for 12 h, re-signed after 6.
const VALID_S = 12 * 3600;
const REUSE_MS = 6 * 3600_000;
const cache = new Map<string, { authorization: string; until: number }>();

/** The Authorization header for this endpoint's push service (its origin is the JWT's audience). */
export function vapidAuthorization(endpoint: string, keys: VapidKeys, now = Date.now()): string {
  const audience = new URL(endpoint).origin;
  const key = `${keys.publicKey}|${audience}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.authorization;
  const { Authorization } = webpush.getVapidHeaders(
    audience,
    keys.subject,
    keys.publicKey,
    keys.privateKey,
    'aes128gcm',
    Math.floor(now / 1000) + VALID_S,
  );
  if (cache.size > 1000) cache.clear();
  cache.set(key, { authorization: Authorization, until: now + REUSE_MS });
  return Authorization;
}
