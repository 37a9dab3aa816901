// What one delivery's cryptography costs this machine, measured apart from the burst so the burst
// can be read against it: the RFC 8291 push payload encryption (a fresh ECDH P-256 key pair and
// HKDF per message), the VAPID JWT signature (now once per push service), and the dose text's
// opening (the patient's private key unwrapped, the note's data key unwrapped with X25519, the
// text opened with AES-GCM) plus the two action tokens. Every dose pays these at least once,
// whatever the design: together they are a floor under the CPU a delivery needs.
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import webpush from 'web-push';
import {
  generateMasterKey,
  generateUserKeyPair,
  parseKeyring,
  unwrapDataKey,
  unwrapPrivateKey,
} from '../../src/crypto/index.js';
import { mintActionToken } from '../../src/push/actionTokens.js';
import { openStep, sealNote, sealStep } from '../../src/sealed/cipher.js';

const perCall = (n: number, fn: (i: number) => unknown) => {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - t) / 1e6 / n;
};

export function measurePushCost(n = 500) {
  const client = createECDH('prime256v1');
  client.generateKeys();
  const p256dh = client.getPublicKey().toString('base64url');
  const auth = randomBytes(16).toString('base64url');
  // A payload of the size a two-dose notification with its action tokens has.
  const payload = JSON.stringify({ type: 'dose:due', doses: [{ text: 'x'.repeat(120), token: 'y'.repeat(200) }] });
  const encryptMs = perCall(n, () => webpush.encrypt(p256dh, auth, payload, 'aes128gcm'));
  const vapid = webpush.generateVAPIDKeys();
  const vapidMs = perCall(n, () =>
    webpush.getVapidHeaders(
      'https://fcm.googleapis.com',
      'mailto:ops@example.org',
      vapid.publicKey,
      vapid.privateKey,
      'aes128gcm',
    ),
  );
  // n patients, each with a note and a plan step, sealed as the app seals them.
  const ring = parseKeyring(generateMasterKey(), 1);
  const people = Array.from({ length: n }, () => {
    const keys = generateUserKeyPair(ring);
    const [id, noteId, itemId] = [randomUUID(), randomUUID(), randomUUID()];
    const { wrappedKeys, dek } = sealNote(noteId, id, 'Take vitamin D once daily.', [
      { id, publicKey: keys.publicKey },
    ]);
    const step = sealStep(dek, noteId, id, 'plan', itemId, 'Take vitamin D');
    return { id, noteId, itemId, keys, wrapped: wrappedKeys[id]!, step };
  });
  const privateKeys = people.map((p) => unwrapPrivateKey(ring, p.keys.wrappedPrivateKey));
  const privateKeyMs = perCall(n, (i) => unwrapPrivateKey(ring, people[i]!.keys.wrappedPrivateKey));
  const dataKeys: Buffer[] = [];
  const dataKeyMs = perCall(n, (i) => {
    const p = people[i]!;
    dataKeys[i] = unwrapDataKey(p.wrapped, privateKeys[i]!, { noteId: p.noteId, recipientId: p.id });
  });
  const openMs = perCall(n, (i) => {
    const p = people[i]!;
    openStep(dataKeys[i]!, 'plan', { id: p.itemId, noteId: p.noteId, patientId: p.id, ...p.step });
  });
  const expiresAt = new Date(Date.now() + 3_600_000);
  const tokensMs = perCall(n, (i) => {
    for (const action of ['take', 'snooze'] as const)
      mintActionToken(ring, { doseId: people[i]!.itemId, subscriptionId: people[i]!.id, action, expiresAt });
  });
  const deliveryMs = encryptMs + privateKeyMs + dataKeyMs + openMs + tokensMs;
  return { encryptMs, vapidMs, privateKeyMs, dataKeyMs, openMs, tokensMs, deliveryMs };
}
