// Jobs queued by an earlier version (one job per dose, naming `occurrenceId` or `reminderId`) must
// be dropped as stale after an upgrade (the reconciliation pass queues the sweep of their instant
// instead), not run with an undefined instant until they land on the poison list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppContext } from '../../src/context.js';
import { PUSH_SOCKETS_PER_SERVICE } from '../../src/push/endpoints.js';
import { registry, type WorkerDeps } from '../../src/workers/registry.js';
import { PUSH_SENDS_AT_ONCE } from '../../src/workers/sendPush.js';

test('reminder jobs of earlier versions and pushes without doses are stale and touch nothing', async () => {
  const calls: string[] = [];
  // Any use of the context would be recorded: none may happen for a stale payload.
  const ctx = new Proxy({}, { get: (_t, key) => calls.push(`ctx.${String(key)}`) }) as unknown as AppContext;
  const deps = {} as WorkerDeps;
  for (const old of [
    { occurrenceId: '3aa8e236-93fd-45fb-9855-dc49c4f097d1', attempt: 1 },
    { reminderId: '3aa8e236-93fd-45fb-9855-dc49c4f097d1', attempt: 1 },
    { at: 'soon', lane: 0 },
  ]) {
    assert.equal(await registry.reminders.process(ctx, deps, old as never), 'stale', JSON.stringify(old));
  }
  assert.equal(await registry.push.process(ctx, deps, { subscriptionId: 's', tries: 0 } as never), 'stale');
  assert.deepEqual(calls, []);
  // A current sweep does reach the context (which this fake cannot serve).
  await registry.reminders.process(ctx, deps, { at: Date.now(), lane: 0 }).catch(() => {});
  assert.ok(calls.length > 0, 'a sweep of an instant runs');
});

test('the push agent keeps a connection for every send a worker has in flight', () => {
  // Fewer, and the push jobs queue on each other's connections, a round trip per push.
  assert.equal(PUSH_SOCKETS_PER_SERVICE, registry.push.concurrency * PUSH_SENDS_AT_ONCE);
});
