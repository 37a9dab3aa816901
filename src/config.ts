// Typed configuration, parsed once at boot. Every setting comes from the environment; local mode
// (no NODE_ENV=production) fills in defaults so `npm start` needs nothing, production fills in
// nothing and names every missing setting (DESIGN.md §9).
import { envSchema, type Env } from './configSchema.js';

export type { Env };

// What production must be told explicitly; local mode has a default or a generated value for each.
const REQUIRED_IN_PRODUCTION = [
  'DATABASE_URL',
  'REDIS_URL',
  'FIREBASE_PROJECT_ID',
  'FIREBASE_API_KEY',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'GEMINI_API_KEY',
  'VAPID_PUBLIC_KEY',
  'VAPID_PRIVATE_KEY',
  'VAPID_SUBJECT',
  'MASTER_KEY',
] as const;

const EMULATOR_IN_PRODUCTION = 'FIREBASE_AUTH_EMULATOR_HOST is set (emulator tokens are unsigned)';
const REDIS_INSECURE = 'REDIS_URL must be rediss:// with a password (or set REDIS_INSECURE_OK=1)';

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  role: Env['ROLE'];
  logLevel: Env['LOG_LEVEL'];
  databaseUrl?: string;
  redisUrl: string;
  redisPrefix: string;
  firebase: {
    projectId: string;
    apiKey: string;
    credentialsFile?: string;
    /** host:port of a running emulator; undefined with startEmulator=true means "start one". */
    emulatorHost?: string;
    startEmulator: boolean;
    emulatorPort: number;
    revocationCheckMs: number;
  };
  gemini: { apiKey?: string; model: string; baseUrl?: string };
  vapid: { publicKey?: string; privateKey?: string; subject: string };
  masterKey?: string;
  masterKeyVersion: number;
  masterKeysPrevious?: string;
  scheduleDayMs: number;
  rateLimits: { authPerMinute: number; userPerMinute: number; messagesPerMinute: number };
  bodyLimit: string;
  pushTtlSeconds: number;
  push: { endpointHosts: string[]; allowPrivate: boolean; maxPerUser: number };
  /** express `trust proxy`: a hop count, true/false, or comma-separated addresses/subnets/names. */
  trustProxy: boolean | number | string;
  extraction: { attempts: number; timeoutMs: number; backoffMs: number };
  doses: { nudgeMinutes: number[]; alertAfterMisses: number };
  /** Doctor signup: `invite` needs an admin's invite token; `open` (dev/test default) verifies anyone. */
  doctors: { signup: 'invite' | 'open'; inviteTtlMs: number };
  serveClient: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    const missing = REQUIRED_IN_PRODUCTION.filter((k) => e[k] === undefined || source[k] === undefined);
    if (missing.length) throw new ConfigError(`production refuses to start: missing ${missing.join(', ')}`);
    // Emulator ID tokens are unsigned: accepting them in production would let anyone forge a login.
    if (e.FIREBASE_AUTH_EMULATOR_HOST) throw new ConfigError(`production refuses to start: ${EMULATOR_IN_PRODUCTION}`);
    // Live events (plan texts) cross Redis: without TLS and a password anyone on its network reads them.
    if (e.REDIS_INSECURE_OK !== '1' && !redisIsSecure(e.REDIS_URL))
      throw new ConfigError(`production refuses to start: ${REDIS_INSECURE}`);
  }
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    role: e.ROLE,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    firebase: {
      projectId: e.FIREBASE_PROJECT_ID ?? 'demo-carebeat',
      apiKey: e.FIREBASE_API_KEY ?? 'local-emulator-key',
      credentialsFile: e.GOOGLE_APPLICATION_CREDENTIALS,
      emulatorHost: e.FIREBASE_AUTH_EMULATOR_HOST,
      startEmulator: !production && !e.FIREBASE_AUTH_EMULATOR_HOST && !e.GOOGLE_APPLICATION_CREDENTIALS,
      emulatorPort: e.FIREBASE_EMULATOR_PORT,
      revocationCheckMs: e.AUTH_REVOCATION_CHECK_MS,
    },
    gemini: { apiKey: e.GEMINI_API_KEY, model: e.GEMINI_MODEL, baseUrl: e.GEMINI_BASE_URL },
    vapid: {
      publicKey: e.VAPID_PUBLIC_KEY,
      privateKey: e.VAPID_PRIVATE_KEY,
      subject: e.VAPID_SUBJECT ?? 'mailto:admin@carebeat.local',
    },
    masterKey: e.MASTER_KEY,
    masterKeyVersion: e.MASTER_KEY_VERSION,
    masterKeysPrevious: e.MASTER_KEYS_PREVIOUS,
    scheduleDayMs: e.SCHEDULE_DAY_MS,
    rateLimits: {
      authPerMinute: e.RATE_LIMIT_AUTH_PER_MIN,
      userPerMinute: e.RATE_LIMIT_USER_PER_MIN,
      messagesPerMinute: e.MESSAGES_PER_MIN,
    },
    bodyLimit: e.BODY_LIMIT,
    pushTtlSeconds: e.PUSH_TTL_SECONDS,
    push: {
      endpointHosts: e.PUSH_ENDPOINT_HOSTS.split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      allowPrivate: e.PUSH_ALLOW_PRIVATE === '1' || e.PUSH_ALLOW_PRIVATE === 'true',
      maxPerUser: e.PUSH_MAX_PER_USER,
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    extraction: {
      attempts: e.EXTRACTION_ATTEMPTS,
      timeoutMs: e.EXTRACTION_TIMEOUT_MS,
      backoffMs: e.EXTRACTION_BACKOFF_MS,
    },
    doses: {
      nudgeMinutes: [...new Set(e.DOSE_NUDGE_MINUTES.split(',').map(Number))].sort((a, b) => a - b),
      alertAfterMisses: e.ALERT_AFTER_MISSES,
    },
    doctors: {
      signup: e.DOCTOR_SIGNUP ?? (production ? 'invite' : 'open'),
      inviteTtlMs: e.DOCTOR_INVITE_TTL_HOURS * 3_600_000,
    },
    serveClient: !production,
  };
}

function redisIsSecure(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'rediss:' && u.password !== '';
  } catch {
    return false;
  }
}

// express reads a number as a hop count and a string as addresses; "true"/"false" must be booleans.
function parseTrustProxy(v: string): boolean | number | string {
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}
