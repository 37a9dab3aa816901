#!/usr/bin/env node
// `npm test`: one run = a fresh PostgreSQL database (when TEST_DATABASE_URL is set; PGlite in a
// temp dir per test file otherwise), its own Redis key prefix and DB index, one Auth Emulator,
// then every tests/**/*.test.ts through Node's test runner (via tsx). Cleans up after itself.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const runId = `${Date.now().toString(36)}_${process.pid}`;

function findTests(dir) {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return findTests(full);
      return name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
    })
    .sort();
}

async function main() {
  // Run through `node --import tsx`, so TypeScript modules (the app's emulator launcher, the
  // helpers the tests share) are importable.
  const { startAuthEmulator } = await import('../src/auth/emulator.ts');
  const { freshDatabase } = await import('../tests/helpers/freshDatabase.ts');
  const { freePort } = await import('../tests/helpers/net.ts');
  const env = { ...process.env, CARE_TEST_RUN_ID: runId };
  let dropDatabase = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    const db = await freshDatabase(process.env.TEST_DATABASE_URL, `carebeat_test_${runId}`.toLowerCase());
    env.TEST_PG_URL = db.url;
    dropDatabase = () => db.drop().catch(() => {});
    console.log(`# PostgreSQL: fresh database ${db.name}`);
  } else {
    console.log('# PostgreSQL: TEST_DATABASE_URL unset, tests use PGlite');
  }
  env.TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? `redis://127.0.0.1:6379/${1 + (process.pid % 15)}`;
  env.TEST_REDIS_PREFIX = `cbt_${runId}`;
  env.TEST_MASTER_KEY = randomBytes(32).toString('base64');
  const emulator = await startAuthEmulator({ port: await freePort(), projectId: 'demo-carebeat' });
  env.TEST_AUTH_EMULATOR_HOST = emulator.host;
  console.log(`# Auth Emulator at ${emulator.host}, Redis ${env.TEST_REDIS_URL} prefix ${env.TEST_REDIS_PREFIX}`);

  const files = only.length ? only : findTests(path.join(root, 'tests'));
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
      { cwd: root, env, stdio: 'inherit' },
    );
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
  await emulator.stop();
  await dropDatabase();
  process.exit(code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
