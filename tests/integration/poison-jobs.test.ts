// A job that keeps failing for reasons retries cannot fix is retried a bounded number of times,
// then moved aside to the poison list (ids only) instead of looping forever.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { sleep } from '../helpers/poll.js';

let app: TestApp;
const prefix = `${process.env.TEST_REDIS_PREFIX}_poison`;
before(async () => {
  app = await startTestApp({ REDIS_PREFIX: prefix });
});
after(async () => {
  await app.stop();
});

test('an extraction job that always throws ends on the poison list after its retries', {
  timeout: 90_000,
}, async () => {
  // Not a uuid: every attempt fails in PostgreSQL, an infrastructure-style error bee-queue retries.
  await app.ctx.jobs.enqueueExtraction('not-a-uuid');
  // Six retries, backing off from 0.5 s (src/jobs/producer.ts): about 32 s before it is poison.
  const deadline = Date.now() + 60_000;
  let entries: string[] = [];
  while (Date.now() < deadline) {
    entries = await app.ctx.redis.lrange(`${prefix}:poison`, 0, -1);
    if (entries.length) break;
    await sleep(200);
  }
  assert.equal(entries.length, 1, 'exactly one poison entry');
  const entry = JSON.parse(entries[0]!);
  assert.equal(entry.queue, 'extraction');
  assert.equal(entry.jobId, 'note:not-a-uuid');
  assert.deepEqual(entry.data, { noteId: 'not-a-uuid' }, 'the entry carries ids only');
  // Moved aside, not retried further: the list stays at one entry.
  await sleep(2_000);
  assert.equal(await app.ctx.redis.llen(`${prefix}:poison`), 1);
  await app.ctx.redis.del(`${prefix}:poison`);
});
