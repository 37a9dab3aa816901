// Push payload encryption on a thread of its own. Each message is a fresh P-256 key pair, an ECDH
// and AES-GCM (RFC 8291): about 0.2 ms of CPU, the largest share of a delivery in a morning burst.
// On the worker's own event loop it held back the sweeps and the pushes' own I/O; on a thread it
// runs on another core. A job hands the thread all its messages at once (one round trip).
import { Worker } from 'node:worker_threads';
import { type PushRequest, type PushSubscriptionKeys, pushRequest } from './sender.js';

export interface CryptoMessage {
  sub: PushSubscriptionKeys;
  payload: string;
  authorization: string;
  ttlSeconds: number;
}
export interface CryptoAsk {
  id: number;
  messages: CryptoMessage[];
}
export interface CryptoAnswer {
  id: number;
  requests: Array<PushRequest | null>;
}

export interface PushCrypto {
  /** Each message's request, in order; null where its subscription's keys are malformed. */
  encrypt(messages: CryptoMessage[]): Promise<Array<PushRequest | null>>;
  /** Hand-offs the thread did not answer, because it died: then they were sealed here. */
  readonly fallbacks: number;
  close(): Promise<void>;
}

/** On the calling thread: what the crypto thread does, and what a closed pool falls back to. */
export function encryptHere(messages: CryptoMessage[]): Array<PushRequest | null> {
  return messages.map((m) => {
    try {
      return pushRequest(m.sub, m.payload, m);
    } catch {
      return null; // a malformed subscription key: the caller counts it as failed
    }
  });
}

type Pending = { messages: CryptoMessage[]; resolve: (r: Array<PushRequest | null>) => void; done: Promise<unknown> };

// Under tsx (`npm start`) a worker thread does not inherit the TypeScript loader (Node 20), so the
// thread registers it before importing its entry; compiled JavaScript imports the entry directly.
function spawn(): Worker {
  const ts = import.meta.url.endsWith('.ts');
  const entry = JSON.stringify(new URL(`./cryptoThread.${ts ? 'ts' : 'js'}`, import.meta.url).href);
  const source = ts
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${entry}); })`
    : `import(${entry})`;
  return new Worker(source, { eval: true });
}

export interface PushCryptoOptions {
  spawn?: () => Worker;
  /** The thread died holding this many messages, now sealed here: the worker logs and counts it. */
  onFallback?: (messages: number) => void;
}

/** One thread, started on first use and again after a crash; it never holds the process open. */
export function startPushCrypto({ spawn: spawnThread = spawn, onFallback }: PushCryptoOptions = {}): PushCrypto {
  let thread: Worker | null = null;
  let closed = false;
  let nextId = 0;
  let fallbacks = 0;
  const pending = new Map<number, Pending>();
  // Push jobs are not retried as a whole: if the thread dies, what it held is sealed here instead.
  const fallBack = () => {
    thread = null;
    fallbacks += pending.size;
    let held = 0;
    for (const p of pending.values()) {
      held += p.messages.length;
      p.resolve(encryptHere(p.messages));
    }
    pending.clear();
    if (held) onFallback?.(held);
  };
  const ensure = () => {
    if (thread) return thread;
    const t = spawnThread();
    t.unref();
    t.on('message', ({ id, requests }: CryptoAnswer) => {
      pending.get(id)?.resolve(requests);
      pending.delete(id);
    });
    t.on('error', () => thread === t && fallBack());
    t.on('exit', () => thread === t && fallBack());
    thread = t;
    return t;
  };
  return {
    get fallbacks() {
      return fallbacks;
    },
    encrypt(messages) {
      // A job still draining at shutdown encrypts here rather than fail.
      if (closed || messages.length === 0) return Promise.resolve(encryptHere(messages));
      const t = ensure();
      const id = nextId++;
      let resolve!: Pending['resolve'];
      const done = new Promise<Array<PushRequest | null>>((r) => {
        resolve = r;
      });
      pending.set(id, { messages, resolve, done });
      t.postMessage({ id, messages } satisfies CryptoAsk);
      return done;
    },
    async close() {
      closed = true;
      // Answers in flight still arrive (or fall back, should the thread die meanwhile); then it ends.
      await Promise.all([...pending.values()].map((p) => p.done));
      const t = thread;
      thread = null;
      await t?.terminate();
    },
  };
}
