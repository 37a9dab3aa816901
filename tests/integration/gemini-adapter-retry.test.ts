// extractWithRetry's timeouts and retries with in-process extractors (v2 output), and which
// extractor createExtractor picks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GeminiExtractor } from '../../src/extraction/gemini.js';
import type { Extractor } from '../../src/extraction/port.js';
import { ExtractionFailedError, extractWithRetry } from '../../src/extraction/retry.js';
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

  test('an in-process extractor handing back v1 or loose output is invalid_output, retried', async () => {
    let calls = 0;
    const sloppy: Extractor = {
      name: 'noop',
      model: null,
      extract: async () => {
        calls += 1;
        const v1 = { checklist: [], plan: [{ text: 'Take amoxicillin 500mg', frequencyPerDay: 2, durationDays: 7 }] };
        return (calls === 1 ? v1 : { ...GOOD, extra: true }) as never;
      },
    };
    const err = await extractWithRetry(sloppy, NOTE, fast(2)).catch((e: unknown) => e);
    assert.ok(err instanceof ExtractionFailedError);
    assert.equal(err.kind, 'invalid_output');
    assert.equal(err.reason, 'model returned invalid output after 2 attempts');
    assert.equal(calls, 2);
  });
});

describe('createExtractor', () => {
  // Imported here, not at the top: index.ts wires in the rules extractor, and a broken rules
  // module must fail this test only, not the retry tests above.
  test('Gemini with a key, rules without', async () => {
    const { createExtractor } = await import('../../src/extraction/index.js');
    const { RulesExtractor } = await import('../../src/extraction/rules.js');
    const gemini = createExtractor({ geminiApiKey: 'k', geminiModel: 'gemini-2.0-flash' });
    assert.ok(gemini instanceof GeminiExtractor);
    assert.equal(gemini.model, 'gemini-2.0-flash');
    for (const key of [undefined, '', '  ']) {
      assert.ok(createExtractor({ geminiApiKey: key, geminiModel: 'gemini-2.0-flash' }) instanceof RulesExtractor);
    }
  });
});
