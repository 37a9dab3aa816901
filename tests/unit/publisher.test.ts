// EventPublisher during shutdown: the emitter is taken away (the API stops intake) while a worker's
// events are still being rendered. The rest must wait quietly for `sync`, not throw a TypeError
// into the error log (seen once in the shutdown test: "event delivery failed", reminder:missed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { EventPublisher, type RoomEmitter } from '../../src/events/publisher.js';
import type { Db } from '../../src/db/client.js';
import type { EventRow } from '../../src/db/schema.js';

const row = (seq: number): EventRow =>
  ({
    id: `00000000-0000-4000-8000-00000000000${seq}`,
    userId: 'u1',
    seq,
    type: 'reminder:missed',
    payload: { occurrenceId: 'o1' },
    createdAt: new Date(),
  }) as EventRow;

test('an emitter removed while a row renders: nothing emitted after, nothing logged as failed', async () => {
  const logged: string[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        logged.push(String(chunk));
        done();
      },
    }),
  );
  // Never queried: publish() reads only through the hydrator below.
  const publisher = new EventPublisher(null as unknown as Db, log);
  const emitted: Array<[string, string]> = [];
  const emitter: RoomEmitter = {
    to: (room) => ({
      emit: (event) => {
        emitted.push([room, event]);
      },
    }),
  };
  publisher.setEmitter(emitter);
  let rendering = 0;
  publisher.register({
    'reminder:missed': async (_userId, stored) => {
      // The second row is mid-render when shutdown takes the emitter away.
      if (++rendering === 2) publisher.setEmitter(null);
      await new Promise((r) => setImmediate(r));
      return stored;
    },
  });
  await publisher.publish([{ row: row(1) }, { row: row(2) }, { row: row(3) }]);
  assert.deepEqual(emitted, [['user:u1', 'reminder:missed']], 'only the row rendered before shutdown went out');
  assert.equal(rendering, 2, 'rows after the emitter went are not even rendered');
  assert.deepEqual(
    logged.filter((l) => /"level":(40|50|60)/.test(l)),
    [],
    'no warning or error logged',
  );
});
