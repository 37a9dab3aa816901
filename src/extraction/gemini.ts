// GeminiExtractor (v2): the note, delimited as data after the few-shot turns (prompt.ts), the
// v2 responseSchema (gemini-schema.ts), and zod as the gate on what comes back. Errors map to
// retryable or not as docs/EXTRACTION.md's table says; no message ever carries note text.
import {
  GoogleGenerativeAI,
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIFetchError,
  GoogleGenerativeAIResponseError,
  type GenerativeModel,
} from '@google/generative-ai';
import { geminiResponseSchema } from './gemini-schema.js';
import { ExtractionError, type Extractor } from './port.js';
import { buildContents, SYSTEM_INSTRUCTION } from './prompt.js';
import { type Extraction, extractionSchema } from './schema.js';

export { buildPrompt, escapeNote } from './prompt.js';

export interface GeminiExtractorOptions {
  apiKey: string;
  model: string;
  /** Override of https://generativelanguage.googleapis.com (tests point it at a local server). */
  baseUrl?: string;
  /**
   * SDK-level request timeout. Optional because extractWithRetry already bounds each attempt
   * with a signal, and the SDK never clears its own timer (it would hold the process open).
   */
  timeoutMs?: number;
}

const FENCED = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i;

/** Gemini reports a 429's suggested wait as google.rpc.RetryInfo {retryDelay: "37s"}. */
function retryAfterFrom(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown } | null)?.retryDelay;
    if (typeof delay === 'string') {
      const m = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
      if (m) return Math.round(Number(m[1]) * 1000);
    }
  }
  return undefined;
}

/**
 * Maps SDK errors onto retryable / not. SDK messages are deliberately dropped: they embed the
 * server's error text, which can echo the request (and so the note).
 */
function toExtractionError(err: unknown, signal?: AbortSignal): ExtractionError {
  if (err instanceof ExtractionError) return err;
  if (signal?.aborted || err instanceof GoogleGenerativeAIAbortError) {
    return new ExtractionError('gemini request aborted', true, { kind: 'timeout' });
  }
  if (err instanceof GoogleGenerativeAIFetchError && typeof err.status === 'number') {
    const status = err.status;
    if (status === 429) {
      const retryAfterMs = retryAfterFrom(err.errorDetails);
      return new ExtractionError('gemini rate limited (HTTP 429)', true, {
        kind: 'rate_limited',
        status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    if (status >= 500 || status === 408) {
      return new ExtractionError(`gemini unavailable (HTTP ${status})`, true, { kind: 'unavailable', status });
    }
    return new ExtractionError(`gemini rejected the request (HTTP ${status})`, false, { kind: 'rejected', status });
  }
  if (err instanceof GoogleGenerativeAIResponseError) {
    // A safety/recitation block repeats at temperature 0, so retrying only burns quota.
    return new ExtractionError('gemini blocked the response', false, { kind: 'rejected' });
  }
  // Network failures ("fetch failed") and anything unknown: assume transient.
  return new ExtractionError('gemini request failed', true, { kind: 'unavailable' });
}

/** Parses and validates the model's text; every failure is retryable invalid output. */
export function parseModelOutput(text: string): Extraction {
  const body = FENCED.exec(text)?.[1] ?? text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ExtractionError('gemini returned invalid JSON', true, { kind: 'invalid_output' });
  }
  const parsed = extractionSchema.safeParse(json);
  if (!parsed.success) {
    // Paths and issue codes only: values could echo the note.
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}:${i.code}`)
      .join(', ');
    throw new ExtractionError(`gemini output failed schema validation (${where})`, true, {
      kind: 'invalid_output',
    });
  }
  return parsed.data;
}

export class GeminiExtractor implements Extractor {
  readonly name = 'gemini' as const;
  readonly model: string;
  private readonly generativeModel: GenerativeModel;

  constructor(opts: GeminiExtractorOptions) {
    this.model = opts.model;
    this.generativeModel = new GoogleGenerativeAI(opts.apiKey).getGenerativeModel(
      {
        model: opts.model,
        generationConfig: {
          responseMimeType: 'application/json',
          responseSchema: geminiResponseSchema,
          temperature: 0,
        },
        systemInstruction: SYSTEM_INSTRUCTION,
      },
      {
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
      },
    );
  }

  async extract(noteText: string, signal?: AbortSignal): Promise<Extraction> {
    let text: string;
    try {
      const result = await this.generativeModel.generateContent(
        { contents: buildContents(noteText) },
        signal ? { signal } : {},
      );
      text = result.response.text();
    } catch (err) {
      throw toExtractionError(err, signal);
    }
    return parseModelOutput(text);
  }
}
