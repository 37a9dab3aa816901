// pino, with the places a secret could sit redacted. Note text is never passed to a logger at all;
// redaction is the second line of defence for headers and tokens.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'carebeat', ...base },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.token',
        '*.idToken',
        '*.refreshToken',
        '*.password',
        '*.content',
        '*.text',
        'token',
        'password',
        'content',
      ],
      censor: '[redacted]',
    },
  });
}
