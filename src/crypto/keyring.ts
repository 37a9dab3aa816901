import { hkdfSync, randomBytes } from 'node:crypto';

/**
 * Master secrets by version. The current version wraps new material; older
 * versions are kept only so existing wraps can still be opened and re-wrapped
 * during a key rotation (DESIGN §6: "versioned key id for rotation").
 */
export interface MasterKeyring {
  currentVersion: number;
  keys: ReadonlyMap<number, Buffer>;
}

const MASTER_KEY_BYTES = 32;
// Standard or URL-safe alphabet, optional padding. Buffer.from() silently skips
// characters outside the alphabet, so we validate first instead of trusting it.
const BASE64_ANY = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Decodes a 32-byte secret; `label` names the setting in errors, never the value. */
function decodeSecret(value: string, label: string): Buffer {
  const trimmed = value.trim();
  if (!BASE64_ANY.test(trimmed)) {
    throw new Error(`${label} must be base64 (or base64url) of ${MASTER_KEY_BYTES} bytes`);
  }
  // Node's base64 decoder accepts both alphabets, with or without padding.
  const bytes = Buffer.from(trimmed.replace(/=+$/, ''), 'base64');
  if (bytes.length !== MASTER_KEY_BYTES) {
    throw new Error(
      `${label} must decode to ${MASTER_KEY_BYTES} bytes (got ${bytes.length}); ` +
        `generate one with generateMasterKey()`,
    );
  }
  return bytes;
}

function checkVersion(version: number, label: string): void {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new Error(`${label} must be a positive integer (got ${String(version)})`);
  }
}

/**
 * Builds the keyring from configuration.
 * @param masterKey base64/base64url of 32 bytes (MASTER_KEY)
 * @param version   version number of `masterKey` (the current version)
 * @param previous  optional `"1:base64,2:base64"` list of retired versions
 */
export function parseKeyring(masterKey: string, version: number, previous?: string): MasterKeyring {
  checkVersion(version, 'MASTER_KEY version');
  const keys = new Map<number, Buffer>();
  keys.set(version, decodeSecret(masterKey, 'MASTER_KEY'));

  if (previous !== undefined && previous.trim() !== '') {
    for (const rawEntry of previous.split(',')) {
      const entry = rawEntry.trim();
      if (entry === '') continue; // tolerate a trailing comma
      const match = /^(\d+):(.+)$/.exec(entry);
      if (!match) {
        throw new Error('previous MASTER_KEY entries must look like "<version>:<base64>"');
      }
      const v = Number(match[1]);
      checkVersion(v, 'previous MASTER_KEY version');
      // A duplicate would make "which secret is v<N>?" ambiguous; refuse rather than guess.
      if (keys.has(v)) {
        throw new Error(`MASTER_KEY version ${v} is defined more than once`);
      }
      keys.set(v, decodeSecret(match[2], `previous MASTER_KEY v${v}`));
    }
  }

  return { currentVersion: version, keys };
}

/** A fresh master secret, base64 of 32 random bytes (used by local mode). */
export function generateMasterKey(): string {
  return randomBytes(MASTER_KEY_BYTES).toString('base64');
}

/**
 * Key-encryption key for one version: HKDF-SHA256 over the master secret.
 * The version is part of `info`, so a wrap can't be replayed under another
 * version's KEK, and the raw master secret is never used as a cipher key.
 * Throws a plain Error for an unknown version; callers that decrypt translate it.
 */
// Derived once per ring and version: every private-key unwrap needs one.
const keks = new WeakMap<MasterKeyring, Map<number, Buffer>>();

export function kekFor(ring: MasterKeyring, version: number): Buffer {
  let cache = keks.get(ring);
  if (!cache) {
    cache = new Map();
    keks.set(ring, cache);
  }
  let kek = cache.get(version);
  if (!kek) {
    kek = deriveKek(ring, version);
    cache.set(version, kek);
  }
  return kek;
}

function deriveKek(ring: MasterKeyring, version: number): Buffer {
  const master = ring.keys.get(version);
  if (!master) {
    throw new Error(`no master key for version ${version}`);
  }
  // Empty salt is fine: the master secret is already uniformly random (RFC 5869 §3.1).
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `carebeat/kek/v${version}`, 32));
}
