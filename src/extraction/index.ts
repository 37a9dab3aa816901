import { GeminiExtractor } from './gemini.js';
import type { Extractor } from './port.js';
import { RulesExtractor } from './rules.js';

export interface ExtractorConfig {
  geminiApiKey?: string;
  geminiModel: string;
  geminiBaseUrl?: string;
}

/**
 * Gemini when a key is configured, otherwise the offline rules extractor, so local mode works
 * without any account. Callers record `extractor.name`/`model` on the note (DESIGN.md §7).
 */
export function createExtractor(cfg: ExtractorConfig): Extractor {
  const apiKey = cfg.geminiApiKey?.trim();
  if (apiKey) {
    return new GeminiExtractor({
      apiKey,
      model: cfg.geminiModel,
      ...(cfg.geminiBaseUrl ? { baseUrl: cfg.geminiBaseUrl } : {}),
    });
  }
  return new RulesExtractor();
}

export { GeminiExtractor, type GeminiExtractorOptions } from './gemini.js';
export { ExtractionError, type ExtractionErrorKind, type ExtractionErrorOptions, type Extractor } from './port.js';
export { ExtractionFailedError, extractWithRetry, type RetryOptions } from './retry.js';
export { RulesExtractor, extractByRules } from './rules.js';
export { checkSafety, type SafetyResult } from './safety.js';
export {
  extractionSchema,
  type ExtractedChecklistItem,
  type Extraction,
  type ExtractedPlanItem,
  type Timing,
  type UnclearPart,
} from './schema.js';
