// Every note of the table gives exactly the steps a careful reader would take from it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractByRules } from '../../src/extraction/rules.js';
import { CASES, type Step } from '../helpers/rulesCases.js';

const run = (note: string) => extractByRules(note);

describe('RulesExtractor: table of notes', () => {
  test('the table is large enough to mean something', () => {
    assert.ok(CASES.length >= 60, `only ${CASES.length} cases`);
  });

  for (const c of CASES) {
    test(c.note.replace(/\n/g, ' / ').slice(0, 100), () => {
      const out = run(c.note);
      assert.deepEqual(
        out.plan.map((p): Step => [p.text, p.frequencyPerDay, p.durationDays]),
        c.plan,
      );
      assert.deepEqual(
        out.checklist.map((t) => t.text),
        c.checklist ?? [],
      );
    });
  }
});
