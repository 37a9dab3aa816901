// A lost or refused PostgreSQL connection is a 503 in the error shape (errors.ts
// fromConnectionError), over HTTP and over socket acks alike; any other database error is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromConnectionError, toErrorBody } from '../../src/errors.js';
import { toAckError } from '../../src/realtime/ack.js';

// As drizzle throws them: its own error, the driver's as `cause`.
const wrapped = (cause: object) => Object.assign(new Error('Failed query: select 1'), { cause });

test('terminated, shutting down, refused or cut connections map to 503 DATABASE_UNAVAILABLE', () => {
  const lost = [
    wrapped(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })),
    Object.assign(new Error('the database system is shutting down'), { code: '57P03' }),
    wrapped(Object.assign(new Error('connection failure'), { code: '08006' })),
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    wrapped(new Error('Connection terminated unexpectedly')),
    new Error('Client has encountered a connection error and is not queryable'),
  ];
  for (const err of lost) {
    const mapped = fromConnectionError(err);
    assert.ok(mapped, err.message);
    assert.deepEqual(toErrorBody(mapped), {
      status: 503,
      body: { code: 'DATABASE_UNAVAILABLE', message: 'service temporarily unavailable, try again shortly' },
    });
    assert.deepEqual(toAckError(err), { ok: false, error: toErrorBody(mapped).body });
  }
});

test('other database errors stay internal (500), without their message', () => {
  const unique = wrapped(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
  assert.equal(fromConnectionError(unique), null);
  assert.equal(fromConnectionError(new Error('boom')), null);
  assert.deepEqual(toAckError(unique), { ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
});
