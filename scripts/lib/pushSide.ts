// bench:burst's push side (BENCH_PUSH=1): a local push service (tests/helpers/pushService.ts:
// real TLS, VAPID checked, every payload decrypted, RFC 8291) and one subscription per patient,
// so each dose falling due is a socket event and a web push; what arrived, how late, doubled.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.js';
import { pushSubscriptions } from '../../src/db/schema.js';
import { type ReceivedPush, startPushService } from '../../tests/helpers/pushService.js';
import { pct } from './reminderSetup.js';

export async function startPushSide(dbUrl: string, patientIds: string[]) {
  const service = await startPushService();
  const caFile = path.join(os.tmpdir(), `carebeat-bench-push-${process.pid}.pem`);
  writeFileSync(caFile, service.certPem);
  const store = await openDatabase({ databaseUrl: dbUrl, dataDir: os.tmpdir(), migrate: false });
  const rows = patientIds.map((userId) => {
    const { subscription } = service.createSubscriber();
    return { userId, endpoint: subscription.endpoint, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth };
  });
  for (let i = 0; i < rows.length; i += 1000) await store.db.insert(pushSubscriptions).values(rows.slice(i, i + 1000));
  await store.close();
  const arrived: Array<{ doseId: string; lateMs: number }> = [];
  service.onMessage((_id: string, msg: ReceivedPush) => {
    const now = Date.now();
    for (const d of msg.payload?.doses ?? []) arrived.push({ doseId: d.id, lateMs: now - Date.parse(d.dueAt) });
  });
  return {
    /** The app's environment: trust this service's certificate, allow its private address. */
    env: { NODE_EXTRA_CA_CERTS: caFile, PUSH_ALLOW_PRIVATE: '1', PUSH_ENDPOINT_HOSTS: '127.0.0.1' },
    count: () => new Set(arrived.map((a) => a.doseId)).size,
    report(n: number) {
      const ids = arrived.map((a) => a.doseId);
      const lost = n - new Set(ids).size;
      const doubled = ids.length - new Set(ids).size;
      const late = arrived.map((a) => a.lateMs);
      console.log(
        `push: ${new Set(ids).size}/${n} decrypted, lateness p50 ${pct(late, 50)} ms, p99 ${pct(late, 99)} ms, not arrived by the end of the wait ${lost}, doubled ${doubled}`,
      );
    },
    close: () => service.close(),
  };
}
