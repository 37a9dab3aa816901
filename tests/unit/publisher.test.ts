// EventPublisher during shutdown: the emitter is taken away (the API stops intake) while a worker's
// events are still being rendered. The rest must wait quietly for `sync`, not throw a TypeError
// into the error log (seen once in the shutdown test: "event delivery failed", reminder:missed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logSink } from '../helpers/logs.js';
import { pino } from 'pino';
import { EventPublisher, type RoomEmitter } from '../../src/events/publisher.js';
import type { Db } from '../../src/db/client.js';
import type { EventRow } from '../../src/db/schema.js';
import type { MasterKeyring } from '../../src/crypto/index.js';

const row = (seq: number): EventRow => ({
  id: `00000000-0000-4000-8000-00000000000${seq}`,
  userId: 'u1',
  seq,
  type: 'plan:cancelled',
  patientId: 'p1',
  payload: { patientId: 'p1', noteId: 'n1', byNoteId: 'n2' },
  createdAt: new Date(),
});

test('an emitter removed while rows go out: nothing emitted after, nothing logged as failed', async () => {
  const { lines: logged, stream } = logSink();
  const log = pino({ level: 'info' }, stream);
  // Never queried: plan:cancelled shows no sealed text, so nothing is opened.
  const publisher = new EventPublisher(null as unknown as Db, null as unknown as MasterKeyring, log);
  const emitted: Array<[string, string]> = [];
  const emitter: RoomEmitter = {
    in: () => ({ disconnectSockets: () => {} }),
    to: (room) => ({
      emit: (event) => {
        emitted.push([room, event]);
        // Shutdown takes the emitter away right after the first row went out.
        publisher.setEmitter(null);
      },
    }),
  };
  publisher.setEmitter(emitter);
  await publisher.publish([{ row: row(1) }, { row: row(2) }, { row: row(3) }]);
  assert.deepEqual(emitted, [['user:u1', 'plan:cancelled']], 'only the row sent before shutdown went out');
  assert.deepEqual(
    logged.filter((l) => /"level":(40|50|60)/.test(l)),
    [],
    'no warning or error logged',
  );
});
