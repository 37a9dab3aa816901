// The development set (tests/devset/, docs/EXTRACTION.md "Development set"): every note through
// the rules extractor and the safety check, as the product runs them. Per category at least 95 %
// of notes fully right; over the whole set no stopped drug scheduled, no weekly drug read as
// daily, and nothing the note prescribes missing. A failure lists each note and what went wrong.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byCategory, explain, scoreDevset } from '../devset/score.js';
import { DEVSET } from '../devset/index.js';
import { CATEGORIES } from '../devset/types.js';

const results = scoreDevset();

describe('extraction development set', () => {
  test('has at least 150 notes and at least 11 in every category', () => {
    assert.ok(results.length >= 150, `only ${results.length} notes`);
    for (const c of CATEGORIES) assert.ok(DEVSET[c].length >= 11, `${c}: only ${DEVSET[c].length} notes`);
  });

  for (const row of byCategory(results)) {
    test(`${row.category}: at least 95 % fully right`, () => {
      const failed = results.filter((r) => r.category === row.category);
      assert.ok(
        row.percent >= 95,
        `${row.category}: ${row.right}/${row.total} (${row.percent.toFixed(1)} %) fully right\n${explain(failed)}`,
      );
    });
  }

  test('no stopped, held, historical or allergy drug is ever scheduled', () => {
    const bad = results.filter((r) => r.neverScheduled.length > 0);
    assert.equal(bad.length, 0, explain(bad));
  });

  test('no weekly or alternate-day drug is scheduled daily or more often', () => {
    const bad = results.filter((r) => r.weeklyAsDaily.length > 0);
    assert.equal(bad.length, 0, explain(bad));
  });

  test('nothing a note prescribes goes missing (plan, checklist or unclear)', () => {
    const bad = results.filter((r) => r.missing.length > 0);
    assert.equal(bad.length, 0, explain(bad));
  });
});
