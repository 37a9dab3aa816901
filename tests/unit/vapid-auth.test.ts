// The VAPID header is signed once per push service and reused (src/push/vapidAuth.ts): the same
// header for every endpoint of one origin, another for another origin, re-signed as it ages, and
// each one a JWT for its own audience with an expiry within the 24 h push services accept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import webpush from 'web-push';
import { vapidAuthorization } from '../../src/push/vapidAuth.js';

const keys = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@example.org' };
const claims = (header: string) =>
  JSON.parse(Buffer.from(/t=([^.]+)\.([^.]+)\./.exec(header)![2]!, 'base64url').toString());

test('one signature per push service, reused, re-signed after six hours', () => {
  const now = Date.now();
  const a1 = vapidAuthorization('https://fcm.googleapis.com/fcm/send/abc', keys, now);
  const a2 = vapidAuthorization('https://fcm.googleapis.com/fcm/send/def', keys, now + 60_000);
  const b = vapidAuthorization('https://updates.push.services.mozilla.com/wpush/v2/x', keys, now);
  assert.equal(a1, a2, 'the same origin reuses its header');
  assert.notEqual(a1, b);
  assert.equal(claims(a1).aud, 'https://fcm.googleapis.com');
  assert.equal(claims(b).aud, 'https://updates.push.services.mozilla.com');
  const exp = claims(a1).exp * 1000;
  assert.ok(exp > now + 6 * 3600_000 && exp <= now + 24 * 3600_000, 'valid past its reuse, within 24 h');
  const later = vapidAuthorization('https://fcm.googleapis.com/fcm/send/abc', keys, now + 6 * 3600_000 + 1);
  assert.notEqual(later, a1, 're-signed once it is six hours old');
});
