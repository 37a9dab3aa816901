// What one web push costs this machine before it leaves: the RFC 8291 payload encryption (a fresh
// ECDH P-256 key pair and HKDF per message) and the VAPID JWT signature, measured apart from the
// burst so the push lateness can be read against it.
import { createECDH, randomBytes } from 'node:crypto';
import webpush from 'web-push';

export function measurePushCost(n = 500): { encryptMs: number; vapidMs: number } {
  const client = createECDH('prime256v1');
  client.generateKeys();
  const p256dh = client.getPublicKey().toString('base64url');
  const auth = randomBytes(16).toString('base64url');
  // A payload of the size a two-dose notification with its action tokens has.
  const payload = JSON.stringify({ type: 'dose:due', doses: [{ text: 'x'.repeat(120), token: 'y'.repeat(200) }] });
  let t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) webpush.encrypt(p256dh, auth, payload, 'aes128gcm');
  const encryptMs = Number(process.hrtime.bigint() - t) / 1e6 / n;
  const vapid = webpush.generateVAPIDKeys();
  t = process.hrtime.bigint();
  for (let i = 0; i < n; i++)
    webpush.getVapidHeaders(
      'https://fcm.googleapis.com',
      'mailto:ops@example.org',
      vapid.publicKey,
      vapid.privateKey,
      'aes128gcm',
    );
  const vapidMs = Number(process.hrtime.bigint() - t) / 1e6 / n;
  return { encryptMs, vapidMs };
}
