// What every extractor implements, and the error an attempt fails with.
import type { Extraction } from './schema.js';

export interface Extractor {
  readonly name: 'rules' | 'gemini' | 'noop';
  /** Recorded on the note so every set of steps says what produced it (DESIGN.md §7). */
  readonly model: string | null;
  extract(noteText: string, signal?: AbortSignal): Promise<Extraction>;
}

/** Drives the doctor-facing reason when retries run out. */
export type ExtractionErrorKind = 'invalid_output' | 'timeout' | 'unavailable' | 'rate_limited' | 'rejected';

export interface ExtractionErrorOptions {
  kind?: ExtractionErrorKind;
  /** Server-suggested wait before the next attempt (e.g. Gemini's RetryInfo on a 429). */
  retryAfterMs?: number;
  /** HTTP status of the upstream call, when there was one. */
  status?: number;
}

/**
 * A failed attempt. Callers must build `message` from fixed text and numbers only: these
 * errors get logged, and note text is patient data that must never reach a log line.
 * That is also why no `cause` is attached — SDK errors can echo the request.
 */
export class ExtractionError extends Error {
  readonly kind: ExtractionErrorKind;
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(
    message: string,
    readonly retryable: boolean,
    opts: ExtractionErrorOptions = {},
  ) {
    super(message);
    this.name = 'ExtractionError';
    this.kind = opts.kind ?? (retryable ? 'unavailable' : 'rejected');
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.status !== undefined) this.status = opts.status;
  }
}
