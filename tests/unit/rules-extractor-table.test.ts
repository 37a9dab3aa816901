// Every note of the table gives exactly the steps a careful reader takes from it: the plan
// (text, timing, source, as-needed), the checklist (text, due day, source) and the unclear parts
// (source, reason), before the safety check. The development set (extraction-devset.test.ts)
// measures the same extractor on more notes; this table pins exact wording and sources.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractByRules } from '../../src/extraction/rules.js';
import { CASES, type PlanRow, type TaskRow, type UnclearRow } from '../helpers/rulesCases.js';

describe('RulesExtractor v2: table of notes', () => {
  test('the table is large enough to mean something', () => {
    assert.ok(CASES.length >= 40, `only ${CASES.length} cases`);
  });

  for (const c of CASES) {
    test(c.note.replace(/\n/g, ' / ').slice(0, 100), () => {
      const out = extractByRules(c.note);
      assert.deepEqual(
        out.plan.map((p): PlanRow => (p.asNeeded ? [p.text, p.timing, p.source, true] : [p.text, p.timing, p.source])),
        c.plan ?? [],
      );
      assert.deepEqual(
        out.checklist.map((t): TaskRow => [t.text, t.dueInDays, t.source]),
        c.checklist ?? [],
      );
      assert.deepEqual(
        out.unclear.map((u): UnclearRow => [u.source, u.reason]),
        c.unclear ?? [],
      );
    });
  }
});
