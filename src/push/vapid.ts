// VAPID key pair for web-push (DESIGN §1, §9). Configured keys win; in local mode a key pair
// is generated once and kept in <dataDir>/vapid.json, because every browser subscription is
// bound to the public key: regenerating it would silently break all existing subscriptions.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

const FILE_NAME = 'vapid.json';

export async function loadOrCreateVapidKeys(opts: {
  dataDir: string;
  publicKey?: string;
  privateKey?: string;
  subject: string;
}): Promise<VapidKeys> {
  const { publicKey, privateKey, subject } = opts;
  if (publicKey && privateKey) {
    assertKeyShape(publicKey, privateKey, 'VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY');
    return { publicKey, privateKey, subject };
  }
  // Half a configuration is a mistake, not a request for file keys.
  if (publicKey || privateKey) {
    throw new Error('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together');
  }

  const file = path.join(opts.dataDir, FILE_NAME);
  const existing = await readKeyFile(file);
  if (existing) return { ...existing, subject };

  await fs.mkdir(opts.dataDir, { recursive: true });
  const generated = webpush.generateVAPIDKeys();
  const created = await createExclusive(file, generated);
  return { ...created, subject };
}

type KeyPair = { publicKey: string; privateKey: string };

async function readKeyFile(file: string): Promise<KeyPair | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  // A corrupt file must stop start-up: replacing it would orphan every subscription.
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; fix or delete it (deleting invalidates push subscriptions)`);
  }
  const p = parsed as Partial<KeyPair> | null;
  if (!p || typeof p.publicKey !== 'string' || typeof p.privateKey !== 'string') {
    throw new Error(`${file} must contain publicKey and privateKey`);
  }
  assertKeyShape(p.publicKey, p.privateKey, file);
  return { publicKey: p.publicKey, privateKey: p.privateKey };
}

// Write to a temp file, then hard-link it into place: link() fails with EEXIST if another
// process (API and worker start together in local mode) won the race, and a reader never
// sees a half-written file. The loser adopts the winner's keys.
async function createExclusive(file: string, keys: KeyPair): Promise<KeyPair> {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(tmp, file);
    return keys;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const winner = await readKeyFile(file);
    if (!winner) throw err;
    return winner;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

// Uncompressed P-256 point (65 bytes) and raw scalar (32 bytes), base64url, as web-push expects.
function assertKeyShape(publicKey: string, privateKey: string, source: string): void {
  const b64url = /^[A-Za-z0-9_-]+$/;
  const pub = b64url.test(publicKey) ? Buffer.from(publicKey, 'base64url') : Buffer.alloc(0);
  const priv = b64url.test(privateKey) ? Buffer.from(privateKey, 'base64url') : Buffer.alloc(0);
  if (pub.length !== 65 || pub[0] !== 0x04 || priv.length !== 32) {
    throw new Error(`${source}: VAPID keys must be a base64url P-256 public key (65 bytes) and private key (32 bytes)`);
  }
}
