// Boots a real Carebeat (API + workers, in this process) against the run's PostgreSQL database
// (or a fresh PGlite dir), the run's Redis prefix and the run's Auth Emulator.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config.js';
import { startCarebeat, type Carebeat, type StartOptions } from '../../src/app.js';

export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is unset: run the tests with \`npm test\``);
  return v;
}

/** The environment a test process's services use; overrides win. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'carebeat-test-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    REDIS_URL: requireEnv('TEST_REDIS_URL'),
    REDIS_PREFIX: requireEnv('TEST_REDIS_PREFIX'),
    FIREBASE_AUTH_EMULATOR_HOST: requireEnv('TEST_AUTH_EMULATOR_HOST'),
    FIREBASE_PROJECT_ID: 'demo-carebeat',
    MASTER_KEY: requireEnv('TEST_MASTER_KEY'),
    RATE_LIMIT_AUTH_PER_MIN: '100000',
    RATE_LIMIT_USER_PER_MIN: '100000',
    EXTRACTION_BACKOFF_MS: '20',
    ...(process.env.TEST_PG_URL ? { DATABASE_URL: process.env.TEST_PG_URL } : {}),
    ...overrides,
  };
  return env;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig(testEnv(overrides));
}

export interface TestApp extends Carebeat {
  url: string;
  config: Config;
}

export async function startTestApp(overrides: Record<string, string> = {}, opts: StartOptions = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const app = await startCarebeat(config, { reconcileEveryMs: 500, ...opts });
  return { ...app, url: app.url!, config };
}

export const uniqueEmail = (role: string) => `${role}-${randomUUID().slice(0, 12)}@test.carebeat.dev`;
