// No leaks (issue "Trust"): a failing query is logged as its error name and SQLSTATE only, never
// its message (drizzle puts the statement's parameters there: name, email, key wraps) or a stack;
// and secret-named fields are stripped from log lines at any depth.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { logSink } from '../helpers/logs.js';
import { eq, sql } from 'drizzle-orm';
import { startTestApp, uniqueEmail, type TestApp } from '../helpers/app.js';
import { request } from '../helpers/http.js';
import { users } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';

const { lines, stream: sink } = logSink();
const tally = { tried: 0, refused: 0 };
let app: TestApp;
before(async () => {
  app = await startTestApp({}, { logger: createLogger('info', {}, sink) });
  // Makes the profile insert of a probe signup fail inside PostgreSQL, as a real constraint would.
  await app.ctx.db.execute(sql`create or replace function cb_leak_probe() returns trigger language plpgsql as $$
    begin if new.name like 'Leak Probe%' then raise exception 'probe refused' using errcode = '23514'; end if;
    return new; end $$`);
  await app.ctx.db.execute(sql`drop trigger if exists cb_leak_probe on users`);
  await app.ctx.db.execute(
    sql`create trigger cb_leak_probe before insert on users for each row execute function cb_leak_probe()`,
  );
});
after(async () => {
  await app.ctx.db.execute(sql`drop trigger if exists cb_leak_probe on users`);
  await app.ctx.db.execute(sql`drop function if exists cb_leak_probe()`);
  await app.stop();
  console.log(`# bad inputs tried: ${tally.tried}, refused: ${tally.refused}`);
});

test('a signup whose profile insert fails: 500 INTERNAL, nothing written, the log has no parameter or stack', async () => {
  const email = uniqueEmail('leak');
  const name = 'Leak Probe Marguerite Quist';
  lines.length = 0;
  tally.tried++;
  const res = await request(app.url, 'POST', '/api/auth/signup', {
    body: { name, email, password: 'correct-horse-leak-1', role: 'patient' },
  });
  assert.equal(res.status, 500, JSON.stringify(res.body));
  assert.deepEqual(res.body, { error: { code: 'INTERNAL', message: 'internal error' } });
  tally.refused++;
  assert.equal((await app.ctx.db.select().from(users).where(eq(users.email, email))).length, 0);
  await assert.rejects(app.ctx.auth.admin.getUserByEmail(email));

  const log = lines.join('');
  const failure = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
  assert.ok(failure, `a 'request failed' line: ${log}`);
  assert.equal(failure.err.name, 'DrizzleQueryError');
  assert.equal(failure.err.code, '23514', 'the SQLSTATE is kept: it is what an operator needs');
  for (const leak of [name, email, 'correct-horse-leak-1', 'Failed query', 'params', 'insert into', 'probe refused'])
    assert.ok(!log.includes(leak), `the log holds ${leak}: ${log}`);
  assert.doesNotMatch(log, /\bat .+:\d+:\d+|node_modules/, 'no stack');
  assert.doesNotMatch(log, /-----BEGIN|[A-Za-z0-9+/]{40,}={0,2}/, 'no key material');
});

test('secret-named fields are redacted at any depth; ordinary fields stay', () => {
  const { lines: out, stream: capture } = logSink();
  const log = createLogger('info', {}, capture);
  const secret = 'S3CRET-VALUE';
  log.info(
    {
      a: { b: { c: { idToken: secret, refresh_token: secret, content: secret } } },
      list: [{ text: secret, wrappedPrivateKey: secret }, { keys: { p256dh: secret, auth: secret } }],
      headers: { authorization: `Bearer ${secret}`, cookie: secret },
      err: Object.assign(new Error(`Failed query: insert ... params: ${secret}`), { code: '23505' }),
      noteId: 'n-1',
      context: 'kept',
    },
    'probe',
  );
  const line = JSON.parse(out.join(''));
  tally.tried += 11;
  assert.ok(!out.join('').includes(secret), out.join(''));
  tally.refused += 11;
  assert.equal(line.noteId, 'n-1');
  assert.equal(line.context, 'kept');
  assert.deepEqual(line.err, { name: 'Error', code: '23505' });
});
