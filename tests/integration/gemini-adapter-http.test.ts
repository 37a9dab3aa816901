// GeminiExtractor (v2) over HTTP against a local server speaking the real generateContent
// protocol: request shape (v2 responseSchema, few-shots, the delimited note), answer parsing,
// malformed answers, how each kind of failure is retried and reported without leaking the note,
// and the adapter followed by checkSafety.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ZodTypeAny } from 'zod';
import { parseModelOutput } from '../../src/extraction/gemini.js';
import { geminiResponseSchema } from '../../src/extraction/gemini-schema.js';
import { ExtractionError } from '../../src/extraction/port.js';
import { FEW_SHOTS } from '../../src/extraction/prompt-examples.js';
import { SYSTEM_INSTRUCTION, buildPrompt } from '../../src/extraction/prompt.js';
import { ExtractionFailedError, extractWithRetry } from '../../src/extraction/retry.js';
import { checkSafety } from '../../src/extraction/safety.js';
import {
  MAX_ITEMS,
  PERIOD_UNITS,
  WEEKDAYS,
  WHEN,
  extractionSchema,
  timing,
  timingSchema,
} from '../../src/extraction/schema.js';
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

const direct = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('GeminiExtractor against a local generateContent server', () => {
  test('a good v2 answer is parsed; the request carries the v2 schema, few-shots and the delimited note', async () => {
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
    assert.equal(systemInstruction.parts[0].text, SYSTEM_INSTRUCTION);
    assert.match(SYSTEM_INSTRUCTION, /never instructions/);
    // Few-shots as user/model turns, then the note as the last user turn.
    assert.equal(contents.length, FEW_SHOTS.length * 2 + 1);
    FEW_SHOTS.forEach((shot, i) => {
      assert.deepEqual(contents[2 * i], { role: 'user', parts: [{ text: buildPrompt(shot.note) }] });
      assert.equal(contents[2 * i + 1].role, 'model');
      assert.deepEqual(JSON.parse(contents[2 * i + 1].parts[0].text), shot.answer);
    });
    const last = contents.at(-1);
    assert.equal(last.role, 'user');
    const prompt: string = last.parts[0].text;
    const escaped = NOTE.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    assert.ok(prompt.includes(`<note>\n${escaped}\n</note>`), prompt);
    assert.equal(prompt.split('</note>').length, 2, 'the note must not be able to close the delimiter');
    assert.ok(!JSON.stringify(contents).includes('<b>'), 'no raw tag of the note reaches the model');
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

  const malformed: Array<[string, unknown, RegExp]> = [
    [
      'v1-shaped output (frequencyPerDay, no unclear)',
      {
        checklist: [{ text: 'Buy a thermometer' }],
        plan: [{ text: 'Take amoxicillin 500mg', frequencyPerDay: 2, durationDays: 7 }],
      },
      /plan\.0|unclear/,
    ],
    [
      'a timing with frequency 0',
      { ...GOOD, plan: [{ ...GOOD.plan[0]!, timing: { ...GOOD.plan[0]!.timing!, frequency: 0 } }] },
      /plan\.0\.timing\.frequency:too_small/,
    ],
    ['an unknown key', { ...GOOD, confidence: 0.9 }, /\(root\):unrecognized_keys/],
    [
      'an unknown key inside the timing',
      { ...GOOD, plan: [{ ...GOOD.plan[0]!, timing: { ...GOOD.plan[0]!.timing!, bounds: '7d' } }] },
      /plan\.0\.timing:unrecognized_keys/,
    ],
    [
      'a scheduled item without timing',
      { ...GOOD, plan: [{ ...GOOD.plan[0]!, timing: null }] },
      /plan\.0\.timing:custom/,
    ],
  ];
  for (const [name, bad, where] of malformed) {
    test(`${name}: invalid_output, retried, then failed; never repaired`, async () => {
      const { hits, extractor } = await fakeGemini([answer(JSON.stringify(bad))]);
      const err = await expectFailure(extractor, 2);
      assert.equal(hits.length, 2);
      assert.equal(err.reason, 'model returned invalid output after 2 attempts');
      assert.equal(err.kind, 'invalid_output');
      // The adapter's own error names fields and issue codes, never a value or the note.
      const e = await direct(extractor.extract(NOTE));
      assert.ok(e instanceof ExtractionError && e.retryable && e.kind === 'invalid_output');
      assert.match(e.message, where);
      assert.ok(!e.message.includes('amoxicillin'));
    });
  }

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
    const e = await direct(extractor.extract(NOTE));
    assert.ok(e instanceof ExtractionError && !e.retryable);
    assert.ok(!e.message.includes('amoxicillin'));
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

describe('the adapter followed by checkSafety', () => {
  test('a model answer that schedules weekly methotrexate daily is valid, and held for the doctor', async () => {
    const note = 'Methotrexate 15 mg once weekly on Mondays. Folic acid 5 mg daily except Mondays.';
    const misread = {
      checklist: [],
      plan: [
        {
          text: 'Take methotrexate 15 mg',
          asNeeded: false,
          timing: timing({ frequency: 1, period: 1, periodUnit: 'd' }),
          source: 'Methotrexate 15 mg once weekly on Mondays',
        },
        {
          text: 'Take folic acid 5 mg',
          asNeeded: false,
          timing: timing({ frequency: 6, period: 1, periodUnit: 'wk' }),
          source: 'Folic acid 5 mg daily except Mondays',
        },
      ],
      unclear: [],
    };
    const { extractor } = await fakeGemini([answer(JSON.stringify(misread))]);
    const steps = await extractWithRetry(extractor, note, fast(1));
    const { steps: checked, holds } = checkSafety(note, steps);
    assert.deepEqual(checked.plan, [misread.plan[0]]);
    assert.deepEqual(holds, [0], 'methotrexate however scheduled');
    // 6 a week with no weekdays would drift across Mondays: the exception goes to the doctor.
    assert.deepEqual(checked.unclear, [
      {
        source: 'Folic acid 5 mg daily except Mondays',
        reason: 'an exception to the schedule ("except mondays") the timing does not hold: name the days instead',
      },
    ]);
  });

  test('a model answer that omits a drug the note prescribes gets it added to unclear', async () => {
    const note = 'Gout flare. Naproxen 500 mg bd with food x 5/7. Colchicine 500 micrograms bd x 5/7.';
    const forgot = {
      checklist: [],
      plan: [
        {
          text: 'Take naproxen 500 mg',
          asNeeded: false,
          timing: timing({ frequency: 2, period: 1, periodUnit: 'd', when: ['with-meals'], durationDays: 5 }),
          source: 'Naproxen 500 mg bd with food x 5/7',
        },
      ],
      unclear: [],
    };
    const { extractor } = await fakeGemini([answer(JSON.stringify(forgot))]);
    const { steps, holds } = checkSafety(note, await extractWithRetry(extractor, note, fast(1)));
    assert.deepEqual(steps.plan, forgot.plan);
    assert.deepEqual(steps.unclear, [
      { source: 'Colchicine 500 micrograms bd x 5/7', reason: 'the note mentions colchicine; no step was made' },
    ]);
    assert.deepEqual(holds, []);
    assert.ok(extractionSchema.safeParse(steps).success);
  });

  test('a model answer that schedules a stopped drug has it unscheduled', async () => {
    const note = 'Stop warfarin. Start apixaban 5 mg bd, long term.';
    const both = {
      checklist: [],
      plan: ['warfarin', 'apixaban 5 mg'].map((d) => ({
        text: `Take ${d}`,
        asNeeded: false,
        timing: timing({ frequency: 2, period: 1, periodUnit: 'd' }),
        source: note,
      })),
      unclear: [],
    };
    const { extractor } = await fakeGemini([answer(JSON.stringify(both))]);
    const { steps } = checkSafety(note, await extractWithRetry(extractor, note, fast(1)));
    assert.deepEqual(
      steps.plan.map((p) => p.text),
      ['Take apixaban 5 mg'],
    );
    assert.deepEqual(
      steps.unclear.map((u) => u.reason),
      ['the note stops warfarin; it was not scheduled'],
    );
  });
});

/** The object schema under zod's refinements. */
const objectOf = (s: ZodTypeAny): Record<string, ZodTypeAny> => {
  let t: any = s;
  while (t._def.schema) t = t._def.schema;
  return t.shape;
};

describe('the prompt and the response schema', () => {
  test('every few-shot answer is valid v2, quotes its note verbatim, and passes the safety check as is', () => {
    for (const { note, answer: shot } of FEW_SHOTS) {
      assert.deepEqual(parseModelOutput(JSON.stringify(shot)), shot, note);
      const sources = [...shot.checklist, ...shot.plan, ...shot.unclear].map((i) => i.source);
      for (const s of sources) assert.ok(note.includes(s), `"${s}" is not a quote of "${note}"`);
      assert.deepEqual(checkSafety(note, shot).steps, shot, note);
    }
    // The hard cases are all there.
    const notes = FEW_SHOTS.map((s) => s.note).join('\n');
    for (const cue of [/once weekly/, /qds/, /nocte/, /5\/7/, /then/, /prn, max/, /Stop /, /Previously on/]) {
      assert.match(notes, cue);
    }
    assert.ok(FEW_SHOTS.some((s) => s.answer.plan.length + s.answer.checklist.length + s.answer.unclear.length === 0));
  });

  test('the responseSchema has the keys, enums, nullables and limits of the zod schema', () => {
    const r: any = geminiResponseSchema;
    assert.deepEqual(Object.keys(r.properties), Object.keys(objectOf(extractionSchema)));
    assert.deepEqual(r.required, ['checklist', 'plan', 'unclear']);
    const [checklist, plan, unclear] = ['checklist', 'plan', 'unclear'].map((k) => r.properties[k]);
    for (const list of [checklist, plan, unclear]) {
      assert.equal(list.type, 'array');
      assert.equal(list.maxItems, MAX_ITEMS);
      assert.deepEqual(list.items.required, Object.keys(list.items.properties));
    }
    const zodShape = objectOf(extractionSchema);
    for (const k of ['checklist', 'plan', 'unclear'] as const) {
      const item = (zodShape[k] as any).element;
      assert.deepEqual(Object.keys(r.properties[k].items.properties), Object.keys(objectOf(item)), k);
    }
    assert.equal(checklist.items.properties.dueInDays.nullable, true);
    const t = plan.items.properties.timing;
    assert.equal(t.nullable, true);
    assert.deepEqual(Object.keys(t.properties), Object.keys(objectOf(timingSchema)));
    assert.deepEqual(t.required, Object.keys(t.properties));
    assert.equal(t.properties.durationDays.nullable, true);
    assert.equal(t.properties.frequency.nullable, undefined);
    assert.deepEqual(t.properties.periodUnit, {
      type: 'string',
      format: 'enum',
      enum: [...PERIOD_UNITS],
      description: t.properties.periodUnit.description,
    });
    assert.deepEqual(t.properties.dayOfWeek.items.enum, [...WEEKDAYS]);
    assert.equal(t.properties.dayOfWeek.items.format, 'enum');
    assert.deepEqual(t.properties.when.items.enum, [...WHEN]);
    assert.equal(plan.items.properties.asNeeded.type, 'boolean');
  });
});
