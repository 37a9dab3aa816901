// Push action tokens (DESIGN §8): a notification's Take / Snooze buttons work without an ID token,
// so each dose in a push carries one token per action. A token names exactly one dose, one action
// and the subscription it was pushed to (signing out there unsubscribes, and ends its tokens); it
// expires (at the dose's window end, at most 12 h after minting) and is single-use: its
// SHA-256 is claimed in Redis (SET NX) before the action runs. It is an HMAC, never stored: only
// the encrypted push payload carries it (not the job, not a log, not an error message).
//
// Layout, base64url: version(2) action(1) doseId(16) subscriptionId(16) expiresAt s(4) nonce(8)
// ‖ HMAC-SHA256[0..16].
// The key is HKDF-SHA256 of the master secret of `version` (label carebeat/push-action/v<n>), so a
// token minted before a key rotation still verifies until it expires.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MasterKeyring } from '../crypto/index.js';
import type { Redis } from '../redis.js';

export const PUSH_ACTIONS = ['take', 'snooze'] as const;
export type PushAction = (typeof PUSH_ACTIONS)[number];

/** No token outlives this, whatever the dose's window. */
export const MAX_TOKEN_LIFETIME_MS = 12 * 3_600_000;

const BODY_BYTES = 2 + 1 + 16 + 16 + 4 + 8;
const MAC_BYTES = 16;
const TOKEN_CHARS = Math.ceil(((BODY_BYTES + MAC_BYTES) * 4) / 3);

const keys = new WeakMap<MasterKeyring, Map<number, Buffer>>();

function keyFor(ring: MasterKeyring, version: number): Buffer | null {
  const master = ring.keys.get(version);
  if (!master) return null;
  let cache = keys.get(ring);
  if (!cache) {
    cache = new Map();
    keys.set(ring, cache);
  }
  let key = cache.get(version);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `carebeat/push-action/v${version}`, 32));
    cache.set(version, key);
  }
  return key;
}

const mac = (key: Buffer, body: Buffer) => createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);

/** A token for `action` on `doseId`, valid until `expiresAt` (capped at 12 h from `now`). */
export function mintActionToken(
  ring: MasterKeyring,
  grant: Omit<ActionGrant, 'expiresAt'> & { expiresAt: Date },
  now = new Date(),
): string {
  const version = ring.currentVersion;
  const key = keyFor(ring, version)!;
  const exp = Math.min(grant.expiresAt.getTime(), now.getTime() + MAX_TOKEN_LIFETIME_MS);
  const body = Buffer.alloc(BODY_BYTES);
  body.writeUInt16BE(version, 0);
  body.writeUInt8(PUSH_ACTIONS.indexOf(grant.action), 2);
  uuidBytes(grant.doseId).copy(body, 3);
  uuidBytes(grant.subscriptionId).copy(body, 19);
  body.writeUInt32BE(Math.floor(exp / 1000), 35);
  randomBytes(8).copy(body, 39);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

export interface ActionGrant {
  doseId: string;
  /** The push subscription the token was sent to. */
  subscriptionId: string;
  action: PushAction;
  expiresAt: Date;
}

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('push action tokens name rows by their uuid');
  return Buffer.from(hex, 'hex');
}

function uuidOf(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The grant a token carries, or null when it is malformed, forged, expired or for another action. */
export function verifyActionToken(
  ring: MasterKeyring,
  token: string,
  action: PushAction,
  now = new Date(),
): ActionGrant | null {
  if (token.length !== TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== BODY_BYTES + MAC_BYTES) return null;
  const body = raw.subarray(0, BODY_BYTES);
  const key = keyFor(ring, body.readUInt16BE(0));
  if (!key || !timingSafeEqual(mac(key, body), raw.subarray(BODY_BYTES))) return null;
  if (PUSH_ACTIONS[body.readUInt8(2)] !== action) return null;
  const expiresAt = new Date(body.readUInt32BE(35) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return null;
  return { doseId: uuidOf(body.subarray(3, 19)), subscriptionId: uuidOf(body.subarray(19, 35)), action, expiresAt };
}

/** The Redis key that marks a token used: its hash, never the token. */
const usedKey = (prefix: string, token: string) =>
  `${prefix}:push-action:used:${createHash('sha256').update(token).digest('hex')}`;

/** Marks the token used; false when it already was. Kept until the token would expire anyway. */
export async function claimActionToken(redis: Redis, prefix: string, token: string, grant: ActionGrant) {
  const ttlMs = Math.max(1_000, grant.expiresAt.getTime() - Date.now() + 60_000);
  return (await redis.set(usedKey(prefix, token), '1', 'PX', ttlMs, 'NX')) === 'OK';
}

/** Gives a claimed token back when its action did not happen (the command threw). */
export async function releaseActionToken(redis: Redis, prefix: string, token: string): Promise<void> {
  await redis.del(usedKey(prefix, token));
}
