// A local HTTPS push service (RFC 8030 receiving side) for tests: real TLS, real VAPID
// verification and real RFC 8291 decryption, so the sender is tested against the wire format
// a browser's push service sees rather than against a mock of web-push.
import { execFile } from 'node:child_process';
import {
  createECDH,
  createPublicKey,
  randomBytes,
  randomUUID,
  verify as verifySignature,
  type ECDH,
} from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { listenOnFreePort } from './net.js';

// http_ece ships no types; this is the slice of its API used here (see its ece.js).
type Ece = {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer;
};
const ece = createRequire(import.meta.url)('http_ece') as Ece;

/** What a real push service accepts (FCM, Mozilla and Apple all cap at 4 KB). */
export const MAX_MESSAGE_BYTES = 4096;

export type PushBehaviour = 'ok' | 'gone' | { status: number; retryAfter?: string };

export type ReceivedPush = {
  payload: any;
  headers: { ttl?: string; urgency?: string; authorization?: string; contentEncoding?: string };
  /** Verified VAPID claims (signature checked with the `k` key from the header). */
  vapid: { aud: string; sub: string; exp: number; publicKey: string };
};

export type TestSubscription = {
  id: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
};

type Subscriber = {
  ecdh: ECDH;
  auth: Buffer;
  behaviour: PushBehaviour;
  messages: ReceivedPush[];
  /** Every request, including refused ones, with the status answered. */
  requests: { status: number; error?: string }[];
};

export type PushService = Awaited<ReturnType<typeof startPushService>>;

/**
 * `decryptEvery` (benchmarks): decrypt one message in k and accept the others unread, as a push
 * service does (it never can read them), so a burst's clients are not slowed by the checking.
 */
export async function startPushService(opts: { decryptEvery?: number } = {}) {
  const every = opts.decryptEvery ?? 1;
  let accepted = 0;
  // A sender reuses its VAPID header for hours (src/push/vapidAuth.ts): checked once per header.
  const verified = new Map<string, ReceivedPush['vapid']>();
  const { certPem, keyPem } = await selfSignedCert();
  const subscribers = new Map<string, Subscriber>();
  const events = new EventEmitter();
  let origin = '';

  const server = https.createServer({ key: keyPem, cert: certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, headers: Record<string, string> = {}) => {
        res.writeHead(status, headers).end();
      };
      const match = /^\/push\/([\w-]+)$/.exec(req.url ?? '');
      const sub = match ? subscribers.get(match[1]) : undefined;
      if (req.method !== 'POST' || !match || !sub) return answer(404);

      const refuse = (status: number, error?: string, headers?: Record<string, string>) => {
        sub.requests.push({ status, error });
        answer(status, headers);
      };
      const b = sub.behaviour;
      if (b === 'gone') return refuse(410);
      if (b !== 'ok') return refuse(b.status, undefined, b.retryAfter ? { 'Retry-After': b.retryAfter } : {});

      // RFC 8030 §7.2: a push service need not accept more than 4096 octets of payload.
      if (Buffer.concat(chunks).length > MAX_MESSAGE_BYTES) return refuse(413, 'payload too large');
      const authorization = header(req.headers.authorization);
      let vapid: ReceivedPush['vapid'];
      try {
        vapid = verified.get(authorization ?? '') ?? verifyVapid(authorization, origin);
        if (vapid.exp * 1000 < Date.now()) throw new Error('expired');
        if (every > 1) verified.set(authorization!, vapid);
      } catch (e) {
        return refuse(401, (e as Error).message);
      }
      let payload: unknown = null;
      if (accepted++ % every === 0)
        try {
          const plain = ece.decrypt(Buffer.concat(chunks), {
            version: 'aes128gcm',
            privateKey: sub.ecdh,
            authSecret: sub.auth,
          });
          payload = JSON.parse(plain.toString('utf8'));
        } catch (e) {
          return refuse(400, `decrypt: ${(e as Error).message}`);
        }
      const msg: ReceivedPush = {
        payload,
        headers: {
          ttl: header(req.headers.ttl),
          urgency: header(req.headers.urgency),
          authorization,
          contentEncoding: header(req.headers['content-encoding']),
        },
        vapid,
      };
      sub.messages.push(msg);
      sub.requests.push({ status: 201 });
      // RFC 8030 §5: 201 Created with the message resource in Location.
      answer(201, { Location: `${origin}/message/${randomUUID()}` });
      events.emit('message', match[1], msg);
    });
  });

  const port = await listenOnFreePort(server);
  origin = `https://127.0.0.1:${port}`;
  // Trusts only this service's certificate, so web-push does real TLS verification.
  const agent = new https.Agent({ ca: certPem });

  function subscriber(id: string): Subscriber {
    const s = subscribers.get(id);
    if (!s) throw new Error(`unknown test subscriber ${id}`);
    return s;
  }

  return {
    origin,
    agent,
    certPem,
    createSubscriber(): TestSubscription {
      const id = randomUUID();
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      subscribers.set(id, { ecdh, auth, behaviour: 'ok', messages: [], requests: [] });
      return {
        id,
        subscription: {
          endpoint: `${origin}/push/${id}`,
          keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        },
      };
    },
    setBehaviour(id: string, behaviour: PushBehaviour): void {
      subscriber(id).behaviour = behaviour;
    },
    received(id: string): ReceivedPush[] {
      return [...subscriber(id).messages];
    },
    requests(id: string): { status: number; error?: string }[] {
      return [...subscriber(id).requests];
    },
    /** Resolves with the first message (already received or arriving) matching predicate. */
    waitFor(
      id: string,
      predicate: (m: ReceivedPush) => boolean = () => true,
      timeoutMs = 5_000,
    ): Promise<ReceivedPush> {
      const found = subscriber(id).messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onMessage = (mid: string, m: ReceivedPush) => {
          if (mid !== id || !predicate(m)) return;
          cleanup();
          resolve(m);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching push for ${id} within ${timeoutMs}ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          events.off('message', onMessage);
        };
        events.on('message', onMessage);
      });
    },
    /** Every message as it arrives, for any subscriber (benchmarks count and time them). */
    onMessage(fn: (subscriberId: string, m: ReceivedPush) => void): void {
      events.on('message', fn);
    },
    async close(): Promise<void> {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

// RFC 8292: `vapid t=<ES256 JWT>, k=<uncompressed P-256 public key>`. The signature is checked
// against k, and aud must be this service's origin, as a real push service would insist.
function verifyVapid(authorization: string | undefined, origin: string): ReceivedPush['vapid'] {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/.exec(authorization ?? '');
  if (!m) throw new Error('missing or malformed VAPID Authorization header');
  const [, jwt, k] = m;
  const [h, p, s] = jwt.split('.');
  const jwtHeader = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string };
  if (jwtHeader.alg !== 'ES256') throw new Error(`VAPID alg ${jwtHeader.alg} is not ES256`);

  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('VAPID k is not an uncompressed P-256 key');
  const key = createPublicKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
  });
  const ok = verifySignature(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw new Error('VAPID signature does not verify with k');

  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as {
    aud?: string;
    sub?: string;
    exp?: number;
  };
  if (claims.aud !== origin) throw new Error(`VAPID aud ${claims.aud} is not ${origin}`);
  const now = Math.floor(Date.now() / 1000);
  // RFC 8292 §2: exp must be in the future and no more than 24 hours ahead.
  if (typeof claims.exp !== 'number' || claims.exp <= now || claims.exp > now + 24 * 3600) {
    throw new Error('VAPID exp missing or out of range');
  }
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) {
    throw new Error('VAPID sub must be a mailto: or https: URI');
  }
  return { aud: claims.aud, sub: claims.sub, exp: claims.exp, publicKey: k };
}

// A throwaway certificate for 127.0.0.1/localhost from Debian's openssl; the private key file
// only exists until it is read.
async function selfSignedCert(): Promise<{ certPem: string; keyPem: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'carebeat-push-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    const [certPem, keyPem] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    return { certPem, keyPem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
