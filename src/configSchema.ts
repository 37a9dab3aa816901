// The environment's schema (DESIGN §9): every variable, its type and its local-mode default.
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const int = (def: number, min = 0) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).default(def));

export const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'test', 'production']).default('development')),
  PORT: int(3000),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  ROLE: z.preprocess(emptyToUndefined, z.enum(['all', 'api', 'worker']).default('all')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  DATABASE_URL: optionalString,
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().default('redis://127.0.0.1:6379')),
  REDIS_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.:-]+$/)
      .default('carebeat'),
  ),
  FIREBASE_PROJECT_ID: optionalString,
  FIREBASE_API_KEY: optionalString,
  GOOGLE_APPLICATION_CREDENTIALS: optionalString,
  FIREBASE_AUTH_EMULATOR_HOST: optionalString,
  AUTH_REVOCATION_CHECK_MS: int(30_000, 0), // HTTP re-asks Firebase about revocation after this
  FIREBASE_EMULATOR_PORT: int(9099, 1),
  GEMINI_API_KEY: optionalString,
  GEMINI_MODEL: z.preprocess(emptyToUndefined, z.string().default('gemini-2.0-flash')),
  GEMINI_BASE_URL: optionalString,
  VAPID_PUBLIC_KEY: optionalString,
  VAPID_PRIVATE_KEY: optionalString,
  VAPID_SUBJECT: optionalString,
  MASTER_KEY: optionalString,
  MASTER_KEY_VERSION: int(1, 1),
  MASTER_KEYS_PREVIOUS: optionalString,
  SCHEDULE_DAY_MS: int(86_400_000, 1_000),
  RATE_LIMIT_AUTH_PER_MIN: int(30, 1),
  RATE_LIMIT_USER_PER_MIN: int(600, 1),
  // Messages one author may send in one thread per minute (a chat, not a channel for bulk text).
  MESSAGES_PER_MIN: int(10, 1),
  BODY_LIMIT: z.preprocess(emptyToUndefined, z.string().default('100kb')),
  PUSH_TTL_SECONDS: int(3600, 0),
  // The real push services only: any other https URL would make the worker POST wherever a user says (SSRF).
  PUSH_ENDPOINT_HOSTS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(
        '*.push.services.mozilla.com,fcm.googleapis.com,*.notify.windows.com,web.push.apple.com,*.push.apple.com',
      ),
  ),
  // Only the test push service (127.0.0.1) needs private addresses; never on by default.
  PUSH_ALLOW_PRIVATE: z.preprocess(emptyToUndefined, z.enum(['0', '1', 'false', 'true']).default('0')),
  PUSH_MAX_PER_USER: int(10, 1),
  // express's `trust proxy`: which hops' X-Forwarded-For to believe for the client IP (rate limits).
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.string().default('loopback')),
  EXTRACTION_ATTEMPTS: int(3, 1),
  EXTRACTION_TIMEOUT_MS: int(30_000, 100),
  EXTRACTION_BACKOFF_MS: int(1_000, 0),
  // Nudges after a dose falls due, in minutes of the patient's day (scaled by SCHEDULE_DAY_MS).
  DOSE_NUDGE_MINUTES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{1,3}(,\d{1,3})*$/, 'comma-separated minutes, e.g. 15,60')
      .default('15,60'),
  ),
  // Consecutive missed doses of one item that raise an adherence alert to the doctor.
  ALERT_AFTER_MISSES: int(2, 1),
  // Who may sign up as a doctor: holders of an admin's invite, or anyone (unset: invite in production).
  DOCTOR_SIGNUP: z.preprocess(emptyToUndefined, z.enum(['invite', 'open']).optional()),
  DOCTOR_INVITE_TTL_HOURS: int(168, 1),
  // Production's Redis carries live events (health data): a plain or passwordless URL only when waived.
  REDIS_INSECURE_OK: z.preprocess(emptyToUndefined, z.enum(['0', '1']).default('0')),
});

export type Env = z.infer<typeof envSchema>;
