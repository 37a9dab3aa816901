// Configuration: local-mode defaults, and production refusing to start without its settings or
// with the (unsigned-token) Auth Emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../src/config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const PRODUCTION_COMPLETE: Record<string, string> = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://carebeat@db.internal:5432/carebeat',
  REDIS_URL: 'rediss://:redis-password@redis.internal:6380',
  FIREBASE_PROJECT_ID: 'carebeat-prod',
  FIREBASE_API_KEY: 'api-key',
  GOOGLE_APPLICATION_CREDENTIALS: '/run/secrets/firebase.json',
  GEMINI_API_KEY: 'gemini-key',
  VAPID_PUBLIC_KEY: 'vapid-public',
  VAPID_PRIVATE_KEY: 'vapid-private',
  VAPID_SUBJECT: 'mailto:ops@carebeat.example',
  MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${(err as Error).name}`);
    return err;
  }
  assert.fail('loadConfig accepted the configuration');
}

test('local mode with nothing set: the defaults of DESIGN.md §9', () => {
  const c = loadConfig({});
  assert.equal(c.production, false);
  assert.equal(c.port, 3000);
  assert.equal(c.dataDir, './data');
  assert.equal(c.role, 'all');
  assert.equal(c.databaseUrl, undefined, 'PGlite');
  assert.equal(c.redisUrl, 'redis://127.0.0.1:6379');
  assert.equal(c.firebase.startEmulator, true);
  assert.equal(c.firebase.emulatorHost, undefined);
  assert.equal(c.gemini.apiKey, undefined, 'rules extractor');
  assert.equal(c.masterKey, undefined, 'generated in DATA_DIR');
  assert.equal(c.scheduleDayMs, 86_400_000);
  assert.equal(c.serveClient, true);
});

test('local mode: an emulator host means "use it", not "start one"; empty values count as unset', () => {
  const c = loadConfig({ FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9199', PORT: '', DATA_DIR: '  ' });
  assert.equal(c.firebase.startEmulator, false);
  assert.equal(c.firebase.emulatorHost, '127.0.0.1:9199');
  assert.equal(c.port, 3000);
  assert.equal(c.dataDir, './data');
  assert.equal(loadConfig({ PORT: '8080', SCHEDULE_DAY_MS: '4800' }).port, 8080);
  assert.equal(loadConfig({ SCHEDULE_DAY_MS: '4800' }).scheduleDayMs, 4800);
});

test('production with nothing set throws a ConfigError naming the missing settings', () => {
  const err = configError({ NODE_ENV: 'production' });
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'FIREBASE_PROJECT_ID',
    'GEMINI_API_KEY',
    'VAPID_PRIVATE_KEY',
    'MASTER_KEY',
  ]) {
    assert.match(err.message, new RegExp(`\\b${name}\\b`), `names ${name}: ${err.message}`);
  }
});

test('production with everything but MASTER_KEY names MASTER_KEY only', () => {
  const { MASTER_KEY: _omitted, ...env } = PRODUCTION_COMPLETE;
  const err = configError(env);
  assert.match(err.message, /\bMASTER_KEY\b/);
  for (const name of Object.keys(env).filter((k) => k !== 'NODE_ENV')) {
    assert.doesNotMatch(err.message, new RegExp(`\\b${name}\\b`), `does not name ${name}`);
  }
});

test('production with every setting starts from real parts only', () => {
  const c = loadConfig(PRODUCTION_COMPLETE);
  assert.equal(c.production, true);
  assert.equal(c.firebase.startEmulator, false);
  assert.equal(c.firebase.projectId, 'carebeat-prod');
  assert.equal(c.serveClient, false);
});

test('production refuses the Auth Emulator', () => {
  const err = configError({ ...PRODUCTION_COMPLETE, FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' });
  assert.match(err.message, /FIREBASE_AUTH_EMULATOR_HOST/);
});

test('production refuses a Redis without TLS or without a password, unless REDIS_INSECURE_OK=1', () => {
  for (const REDIS_URL of [
    'redis://:pw@redis.internal:6379',
    'rediss://redis.internal:6380',
    'rediss://user@redis.internal:6380',
    'not a url',
  ]) {
    const err = configError({ ...PRODUCTION_COMPLETE, REDIS_URL });
    assert.match(err.message, /REDIS_URL/, REDIS_URL);
    assert.match(err.message, /REDIS_INSECURE_OK/, REDIS_URL);
    assert.doesNotMatch(err.message, /\bpw\b/, 'the URL (and its password) is not echoed');
  }
  assert.equal(
    loadConfig({ ...PRODUCTION_COMPLETE, REDIS_URL: 'rediss://user:pw@r:6380' }).redisUrl,
    'rediss://user:pw@r:6380',
  );
  const waived = loadConfig({
    ...PRODUCTION_COMPLETE,
    REDIS_URL: 'redis://redis.internal:6379',
    REDIS_INSECURE_OK: '1',
  });
  assert.equal(waived.redisUrl, 'redis://redis.internal:6379');
  assert.throws(() => loadConfig({ REDIS_INSECURE_OK: 'yes' }), ConfigError);
  assert.equal(loadConfig({}).redisUrl, 'redis://127.0.0.1:6379', 'local mode keeps plain localhost Redis');
});

test('the Auth Emulator only in development and test; NODE_ENV unset means development', () => {
  assert.equal(loadConfig({}).env, 'development');
  for (const NODE_ENV of ['development', 'test']) {
    assert.equal(loadConfig({ NODE_ENV }).firebase.startEmulator, true, NODE_ENV);
    assert.equal(
      loadConfig({ NODE_ENV, FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' }).firebase.emulatorHost,
      '127.0.0.1:9099',
    );
  }
  const prod = loadConfig(PRODUCTION_COMPLETE);
  assert.equal(prod.firebase.startEmulator, false, 'production never starts one');
  assert.equal(prod.firebase.emulatorHost, undefined);
  assert.match(configError({ ...PRODUCTION_COMPLETE, FIREBASE_AUTH_EMULATOR_HOST: 'x:1' }).message, /unsigned/);
});

test('doctor signup: invite in production, open in development and test, overridable; invite TTL', () => {
  assert.deepEqual(loadConfig(PRODUCTION_COMPLETE).doctors, { signup: 'invite', inviteTtlMs: 7 * 86_400_000 });
  assert.equal(loadConfig({}).doctors.signup, 'open');
  assert.equal(loadConfig({ NODE_ENV: 'test' }).doctors.signup, 'open');
  assert.equal(loadConfig({ DOCTOR_SIGNUP: 'invite' }).doctors.signup, 'invite');
  assert.equal(loadConfig({ ...PRODUCTION_COMPLETE, DOCTOR_SIGNUP: 'open' }).doctors.signup, 'open');
  assert.equal(loadConfig({ DOCTOR_INVITE_TTL_HOURS: '2' }).doctors.inviteTtlMs, 7_200_000);
  for (const env of [{ DOCTOR_SIGNUP: 'anyone' }, { DOCTOR_INVITE_TTL_HOURS: '0' }])
    assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(env));
});

test('invalid values are refused and named', () => {
  for (const PORT of ['abc', '-1', '3.5']) assert.match(configError({ PORT }).message, /PORT/, PORT);
  assert.match(configError({ ROLE: 'everything' }).message, /ROLE/);
  assert.match(configError({ NODE_ENV: 'staging' }).message, /NODE_ENV/);
  assert.match(configError({ SCHEDULE_DAY_MS: '10' }).message, /SCHEDULE_DAY_MS/);
});

test('`node src/main.ts` in production without settings exits non-zero at once, naming what is missing', async () => {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 20 s; stderr: ${stderr}`));
    }, 20_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.notEqual(code, 0);
  assert.ok(Date.now() - started < 20_000);
  assert.match(stderr, /\bDATABASE_URL\b/);
  assert.match(stderr, /\bMASTER_KEY\b/);
  assert.doesNotMatch(stderr, /\bat .+:\d+:\d+/, 'a message, not a stack trace');
});

test('trust and push settings: safe defaults, explicit allowances parsed', () => {
  const d = loadConfig({});
  assert.equal(d.trustProxy, 'loopback');
  assert.deepEqual(d.push, {
    endpointHosts: [
      '*.push.services.mozilla.com',
      'fcm.googleapis.com',
      '*.notify.windows.com',
      'web.push.apple.com',
      '*.push.apple.com',
    ],
    allowPrivate: false,
    maxPerUser: 10,
  });
  const c = loadConfig({
    TRUST_PROXY: '2',
    PUSH_ENDPOINT_HOSTS: ' 127.0.0.1 , Push.Example.com,',
    PUSH_ALLOW_PRIVATE: '1',
    PUSH_MAX_PER_USER: '3',
  });
  assert.equal(c.trustProxy, 2);
  assert.deepEqual(c.push, { endpointHosts: ['127.0.0.1', 'push.example.com'], allowPrivate: true, maxPerUser: 3 });
  assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy, '10.0.0.0/8, loopback');
  for (const env of [{ PUSH_ALLOW_PRIVATE: 'yes' }, { PUSH_MAX_PER_USER: '0' }])
    assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(env));
});
