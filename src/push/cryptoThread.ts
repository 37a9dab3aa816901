// The push crypto thread's entry (push/cryptoPool.ts): encrypts a job's messages off the worker's
// event loop. It holds no keys of ours: each message arrives with its subscription's public keys
// and its VAPID header, and leaves as a sealed request. Nothing here logs: the plaintext is health data.
import { parentPort } from 'node:worker_threads';
import { type CryptoAnswer, type CryptoAsk, encryptHere } from './cryptoPool.js';

parentPort!.on('message', ({ id, messages }: CryptoAsk) => {
  const requests = encryptHere(messages);
  // Copied, not transferred: a small Buffer is a slice of Node's shared pool.
  parentPort!.postMessage({ id, requests } satisfies CryptoAnswer);
});
