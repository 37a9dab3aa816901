// What holds for every output of the rules extractor, not just for the table's notes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_DURATION_DAYS,
  DEFAULT_DURATION_NOTE,
  RulesExtractor,
  extractByRules,
} from '../../src/extraction/rules.js';
import { MAX_ITEMS, MAX_TEXT_CHARS, extractionSchema } from '../../src/extraction/schema.js';
import { CASES } from '../helpers/rulesCases.js';

const run = (note: string) => extractByRules(note);

describe('RulesExtractor: properties', () => {
  test('every output passes extractionSchema unchanged', () => {
    for (const c of CASES) {
      const out = run(c.note);
      const parsed = extractionSchema.safeParse(out);
      assert.ok(parsed.success, `schema rejected output for: ${c.note}`);
      assert.deepEqual(parsed.data, out);
    }
  });

  test('deterministic: same input twice gives the same output', async () => {
    const extractor = new RulesExtractor();
    for (const c of CASES) {
      assert.deepEqual(await extractor.extract(c.note), await extractor.extract(c.note));
    }
  });

  test('identifies itself as rules / rules-v1', () => {
    const extractor = new RulesExtractor();
    assert.equal(extractor.name, 'rules');
    assert.equal(extractor.model, 'rules-v1');
  });

  test('empty and whitespace-only notes give empty lists', () => {
    for (const note of ['', '   ', '\n\n', '.']) assert.deepEqual(run(note), { checklist: [], plan: [] });
  });

  test('the missing-duration default is 7 days and is visible in the text', () => {
    const [item] = run('Take apixaban 5mg twice daily.').plan;
    assert.equal(DEFAULT_DURATION_DAYS, 7);
    assert.equal(item?.durationDays, 7);
    assert.ok(item?.text.endsWith(DEFAULT_DURATION_NOTE));
  });

  test('caps the number of items and the text length at the schema limits', () => {
    const many = Array.from({ length: 70 }, (_, i) => `Take drug${i} ${i + 1}mg twice daily for 5 days.`).join(' ');
    const out = run(many);
    assert.equal(out.plan.length, MAX_ITEMS);
    const long = `Take paracetamol 1g ${'with a glass of water '.repeat(40)}four times a day for 3 days.`;
    const [item] = run(long).plan;
    assert.ok(item && item.text.length <= MAX_TEXT_CHARS);
    assert.ok(extractionSchema.safeParse(run(long)).success);
  });

  test('a schedule in a note full of narrative still yields only that schedule', () => {
    const note = [
      'Seen today with a 3 day history of dysuria. Reports fever at night.',
      'Previously on trimethoprim 200mg twice daily for 3 days in 2022.',
      'Plan: nitrofurantoin 100mg BD x 5 days. Collect the prescription from the pharmacy.',
    ].join('\n');
    assert.deepEqual(run(note), {
      plan: [{ text: 'Take nitrofurantoin 100mg', frequencyPerDay: 2, durationDays: 5 }],
      checklist: [{ text: 'Collect the prescription from the pharmacy' }],
    });
  });
});
