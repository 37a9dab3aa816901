// GeminiExtractor over HTTP: request shape, answer parsing, and how each kind of failure is
// retried and reported without leaking the note.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtractionError } from '../../src/extraction/port.js';
import { ExtractionFailedError, extractWithRetry } from '../../src/extraction/retry.js';
import { geminiResponseSchema } from '../../src/extraction/schema.js';
import {
  API_KEY,
  GOOD,
  MODEL,
  NOTE,
  answer,
  closeFakeGeminis,
  expectFailure,
  failure,
  fakeGemini,
  fast,
} from '../helpers/fakeGemini.js';

after(closeFakeGeminis);

describe('GeminiExtractor against a local generateContent server', () => {
  test('a good answer is parsed, and the request is configured and delimited', async () => {
    const { hits, extractor } = await fakeGemini([answer(JSON.stringify(GOOD))]);
    assert.deepEqual(await extractWithRetry(extractor, NOTE, fast(3)), GOOD);
    assert.equal(hits.length, 1);
    const [hit] = hits;
    assert.equal(hit!.method, 'POST');
    assert.equal(hit!.url, `/v1beta/models/${MODEL}:generateContent`);
    assert.equal(hit!.apiKey, API_KEY);
    const { generationConfig, systemInstruction, contents } = hit!.body;
    assert.equal(generationConfig.responseMimeType, 'application/json');
    assert.deepEqual(generationConfig.responseSchema, JSON.parse(JSON.stringify(geminiResponseSchema)));
    assert.equal(generationConfig.temperature, 0);
    assert.match(JSON.stringify(systemInstruction), /never instructions/);
    const prompt: string = contents[0].parts[0].text;
    const escaped = NOTE.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    assert.ok(prompt.includes(`<note>\n${escaped}\n</note>`), prompt);
    assert.equal(prompt.split('</note>').length, 2, 'the note must not be able to close the delimiter');
    assert.equal(extractor.name, 'gemini');
    assert.equal(extractor.model, MODEL);
  });

  test('JSON inside ```json fences is accepted', async () => {
    const { extractor } = await fakeGemini([answer(`\`\`\`json\n${JSON.stringify(GOOD)}\n\`\`\``)]);
    assert.deepEqual(await extractWithRetry(extractor, NOTE, fast(3)), GOOD);
  });

  test('invalid JSON is retried, then fails with a doctor-safe reason', async () => {
    const { hits, extractor } = await fakeGemini([answer('{"plan": [ {"text": "Take amoxic')]);
    const err = await expectFailure(extractor, 3);
    assert.equal(hits.length, 3);
    assert.equal(err.reason, 'model returned invalid output after 3 attempts');
    assert.equal(err.kind, 'invalid_output');
  });

  test('a schema violation (frequencyPerDay 0) fails instead of being repaired or invented', async () => {
    const bad = { checklist: [], plan: [{ text: 'Take amoxicillin 500mg', frequencyPerDay: 0, durationDays: 7 }] };
    const { hits, extractor } = await fakeGemini([answer(JSON.stringify(bad))]);
    const err = await expectFailure(extractor, 2);
    assert.equal(hits.length, 2);
    assert.equal(err.reason, 'model returned invalid output after 2 attempts');
    // The adapter's own error names the field, never the value or the note.
    const direct = await extractor.extract(NOTE).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(direct instanceof ExtractionError && direct.retryable);
    assert.match(direct.message, /plan\.0\.frequencyPerDay/);
  });

  test('a 429 with RetryInfo is honoured, and the second attempt succeeds', async () => {
    const retryInfo = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.2s' };
    const { hits, extractor } = await fakeGemini([
      failure(429, 'Resource exhausted', [retryInfo]),
      answer(JSON.stringify(GOOD)),
    ]);
    const started = Date.now();
    assert.deepEqual(await extractWithRetry(extractor, NOTE, fast(3)), GOOD);
    assert.equal(hits.length, 2);
    assert.ok(Date.now() - started >= 190, 'waited for the server-suggested delay');
  });

  test('a 500 on every attempt gives up after N attempts', async () => {
    const { hits, extractor } = await fakeGemini([failure(500, `Internal error while processing: ${NOTE}`)]);
    const err = await expectFailure(extractor, 4);
    assert.equal(hits.length, 4);
    assert.equal(err.reason, 'model unavailable after 4 attempts');
  });

  test('a 400 is not retried, and the server echoing the note does not leak it', async () => {
    const { hits, extractor } = await fakeGemini([failure(400, `Invalid argument: ${NOTE}`)]);
    const err = await expectFailure(extractor, 5);
    assert.equal(hits.length, 1);
    assert.equal(err.reason, 'model rejected the request (HTTP 400)');
    const direct = await extractor.extract(NOTE).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(direct instanceof ExtractionError && !direct.retryable);
    assert.ok(!direct.message.includes('amoxicillin'));
  });

  test('a slow server is cut off by the per-attempt timeout and retried', async () => {
    const { hits, extractor } = await fakeGemini([{ ...answer(JSON.stringify(GOOD)), delayMs: 1_000 }]);
    const err = await extractWithRetry(extractor, NOTE, { attempts: 2, baseDelayMs: 1, timeoutMs: 100 }).catch(
      (e: unknown) => e,
    );
    assert.ok(err instanceof ExtractionFailedError);
    assert.equal(err.reason, 'model timed out after 2 attempts');
    assert.equal(hits.length, 2);
  });
});
