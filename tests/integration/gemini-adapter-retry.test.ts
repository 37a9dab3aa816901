// extractWithRetry's timeouts and retries with in-process extractors, and which extractor
// createExtractor picks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GeminiExtractor } from '../../src/extraction/gemini.js';
import { createExtractor } from '../../src/extraction/index.js';
import type { Extractor } from '../../src/extraction/port.js';
import { ExtractionFailedError, extractWithRetry } from '../../src/extraction/retry.js';
import { RulesExtractor } from '../../src/extraction/rules.js';
import { GOOD, NOTE, fast } from '../helpers/fakeGemini.js';

describe('extractWithRetry with in-process extractors', () => {
  test('an extractor that ignores the abort signal still times out', async () => {
    const stuck: Extractor = { name: 'noop', model: null, extract: () => new Promise(() => {}) };
    const err = await extractWithRetry(stuck, NOTE, { attempts: 2, baseDelayMs: 1, timeoutMs: 30 }).catch(
      (e: unknown) => e,
    );
    assert.ok(err instanceof ExtractionFailedError);
    assert.equal(err.attempts, 2);
  });

  test('unexpected errors are retried but reported generically', async () => {
    let calls = 0;
    const flaky: Extractor = {
      name: 'noop',
      model: null,
      extract: async () => {
        calls += 1;
        if (calls === 1) throw new Error(`boom: ${NOTE}`);
        return GOOD;
      },
    };
    assert.deepEqual(await extractWithRetry(flaky, NOTE, fast(2)), GOOD);
    assert.equal(calls, 2);
  });
});

describe('createExtractor', () => {
  test('Gemini with a key, rules without', () => {
    const gemini = createExtractor({ geminiApiKey: 'k', geminiModel: 'gemini-2.0-flash' });
    assert.ok(gemini instanceof GeminiExtractor);
    assert.equal(gemini.model, 'gemini-2.0-flash');
    for (const key of [undefined, '', '  ']) {
      assert.ok(createExtractor({ geminiApiKey: key, geminiModel: 'gemini-2.0-flash' }) instanceof RulesExtractor);
    }
  });
});
