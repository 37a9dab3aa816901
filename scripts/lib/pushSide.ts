// bench:burst's push side (BENCH_PUSH=1): a local push service (tests/helpers/pushService.ts:
// real TLS, VAPID checked, one payload in ten decrypted, RFC 8291) and one subscription per patient,
// so each dose falling due is a socket event and a web push; what arrived, how late, doubled.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.js';
import { pushSubscriptions } from '../../src/db/schema.js';
import { type ReceivedPush, startPushService } from '../../tests/helpers/pushService.js';
import { pct } from './reminderSetup.js';

/** One message in k is decrypted and checked (the dose is that patient's own); all are counted. */
const DECRYPT_EVERY = 10;

export async function startPushSide(dbUrl: string, people: Array<{ patientId: string; doseId: string }>) {
  const service = await startPushService({ decryptEvery: DECRYPT_EVERY });
  const caFile = path.join(os.tmpdir(), `carebeat-bench-push-${process.pid}.pem`);
  writeFileSync(caFile, service.certPem);
  const store = await openDatabase({ databaseUrl: dbUrl, dataDir: os.tmpdir(), migrate: false });
  const doseOf = new Map<string, string>();
  const rows = people.map(({ patientId, doseId }) => {
    const { id, subscription } = service.createSubscriber();
    doseOf.set(id, doseId);
    const { endpoint, keys } = subscription;
    return { userId: patientId, endpoint, p256dh: keys.p256dh, auth: keys.auth };
  });
  for (let i = 0; i < rows.length; i += 1000) await store.db.insert(pushSubscriptions).values(rows.slice(i, i + 1000));
  await store.close();
  const arrived: Array<{ subscriber: string; at: number }> = [];
  let checked = 0;
  let wrong = 0;
  service.onMessage((subscriber: string, msg: ReceivedPush) => {
    arrived.push({ subscriber, at: Date.now() });
    if (msg.payload === null) return;
    checked++;
    const ids = (msg.payload.doses ?? []).map((d: { id: string }) => d.id);
    if (ids.length !== 1 || ids[0] !== doseOf.get(subscriber)) wrong++;
  });
  const devices = () => new Set(arrived.map((a) => a.subscriber)).size;
  return {
    /** The app's environment: trust this service's certificate, allow its private address. */
    env: { NODE_EXTRA_CA_CERTS: caFile, PUSH_ALLOW_PRIVATE: '1', PUSH_ENDPOINT_HOSTS: '127.0.0.1' },
    count: devices,
    report(n: number, dueAt: Date) {
      const late = arrived.map((a) => a.at - dueAt.getTime());
      console.log(
        `push: ${devices()}/${n} arrived (${checked} decrypted and checked, ${wrong} wrong), lateness p50 ${pct(late, 50)} ms, p99 ${pct(late, 99)} ms, not arrived by the end of the wait ${n - devices()}, doubled ${arrived.length - devices()}`,
      );
    },
    close: () => service.close(),
  };
}
