// Driving an extractor: a deadline per attempt, backoff between attempts, schema validation of
// what comes back, and one terminal error whose reason is safe to show a doctor.
import { ExtractionError, type ExtractionErrorKind, type Extractor } from './port.js';
import { extractionSchema, type Extraction } from './schema.js';

/** Terminal failure: the note becomes `failed` and `reason` is shown to the doctor. */
export class ExtractionFailedError extends Error {
  constructor(
    readonly reason: string,
    readonly attempts: number,
    readonly kind: ExtractionErrorKind,
  ) {
    super(reason);
    this.name = 'ExtractionFailedError';
  }
}

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  timeoutMs: number;
  /** Upper bound for any single wait, so a huge Retry-After cannot park a job for hours. */
  maxDelayMs?: number;
}

const DEFAULT_MAX_DELAY_MS = 60_000;

function reasonFor(err: ExtractionError, attempts: number): string {
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  switch (err.kind) {
    case 'invalid_output':
      return `model returned invalid output after ${tries}`;
    case 'timeout':
      return `model timed out after ${tries}`;
    case 'rate_limited':
      return `model rate limit still exceeded after ${tries}`;
    case 'unavailable':
      return `model unavailable after ${tries}`;
    case 'rejected':
      return err.status ? `model rejected the request (HTTP ${err.status})` : 'model rejected the request';
  }
}

/** Anything that is not already an ExtractionError is treated as transient but described generically. */
function toExtractionError(err: unknown): ExtractionError {
  if (err instanceof ExtractionError) return err;
  return new ExtractionError('extractor failed unexpectedly', true, { kind: 'unavailable' });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One attempt bounded by its own deadline, even if the extractor ignores the signal. */
async function attemptOnce(extractor: Extractor, noteText: string, timeoutMs: number): Promise<Extraction> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ExtractionError(`attempt timed out after ${timeoutMs} ms`, true, { kind: 'timeout' }));
    }, timeoutMs);
  });
  try {
    const raw = await Promise.race([extractor.extract(noteText, controller.signal), deadline]);
    // Validate here too, so no extractor (rules, a future one) can hand back unchecked steps.
    const parsed = extractionSchema.safeParse(raw);
    if (!parsed.success) {
      throw new ExtractionError('extractor output failed schema validation', true, { kind: 'invalid_output' });
    }
    return parsed.data;
  } catch (err) {
    // An abort surfaced by the extractor itself is still our timeout.
    if (controller.signal.aborted && !(err instanceof ExtractionError && err.kind === 'timeout')) {
      throw new ExtractionError(`attempt timed out after ${timeoutMs} ms`, true, { kind: 'timeout' });
    }
    throw toExtractionError(err);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the extractor with a per-attempt timeout and exponential backoff
 * (baseDelayMs * 2^n, or the server's retryAfterMs when longer). Retryable errors and invalid
 * output are retried; anything else gives up at once. Never returns empty "fallback" steps:
 * a failure is an ExtractionFailedError with a reason safe to show a doctor.
 */
export async function extractWithRetry(
  extractor: Extractor,
  noteText: string,
  opts: RetryOptions,
): Promise<Extraction> {
  const attempts = Math.max(1, Math.floor(opts.attempts));
  const maxDelay = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  for (let n = 0; ; n++) {
    try {
      return await attemptOnce(extractor, noteText, opts.timeoutMs);
    } catch (raw) {
      const err = toExtractionError(raw);
      if (!err.retryable) throw new ExtractionFailedError(reasonFor(err, n + 1), n + 1, err.kind);
      if (n + 1 >= attempts) throw new ExtractionFailedError(reasonFor(err, attempts), attempts, err.kind);
      const backoff = opts.baseDelayMs * 2 ** n;
      await sleep(Math.min(maxDelay, Math.max(backoff, err.retryAfterMs ?? 0)));
    }
  }
}
