// Jobs queued by an earlier version named `occurrenceId`, not `reminderId`: after an upgrade the
// processors must drop them as stale (reconciliation re-queues under the new id), not run them
// with an undefined id until they land on the poison list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppContext } from '../../src/context.js';
import { type ProcessorDeps, registry } from '../../src/workers/registry.js';

test('reminder and push jobs without a reminderId are stale and touch nothing', async () => {
  const calls: string[] = [];
  // Any use of the context or the delivery would be recorded (or throw): none may happen.
  const ctx = new Proxy({}, { get: (_t, key) => calls.push(`ctx.${String(key)}`) }) as unknown as AppContext;
  const deliverReminder = async () => {
    calls.push('deliver');
    return 'delivered' as const;
  };
  const deps = { deliverReminder } as unknown as ProcessorDeps;
  const old = { occurrenceId: '3aa8e236-93fd-45fb-9855-dc49c4f097d1', attempt: 1 } as never;
  assert.equal(await registry.reminders.process(ctx, deps, old), 'stale');
  assert.equal(
    await registry.push.process(ctx, deps, { ...(old as object), subscriptionId: 's', tries: 0 } as never),
    'stale',
  );
  assert.deepEqual(calls, []);
  // A current payload does reach the delivery.
  const current = { reminderId: '3aa8e236-93fd-45fb-9855-dc49c4f097d1', attempt: 1 };
  assert.equal(await registry.reminders.process(ctx, deps, current), 'delivered');
  assert.deepEqual(calls, ['deliver']);
});
