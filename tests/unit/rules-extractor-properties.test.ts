// What holds for every output of the v2 rules extractor, not just for the table's notes: it
// passes the schema, is deterministic, never throws, stays fast on huge input, never invents a
// duration, keeps every source an exact part of the note, and names what it could not fit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RulesExtractor, extractByRules } from '../../src/extraction/rules.js';
import { MAX_ITEMS, MAX_SOURCE_CHARS, MAX_TEXT_CHARS, extractionSchema } from '../../src/extraction/schema.js';
import { DEVSET } from '../devset/index.js';
import { CATEGORIES } from '../devset/types.js';
import { CASES } from '../helpers/rulesCases.js';

const NOTES = [...CASES.map((c) => c.note), ...CATEGORIES.flatMap((c) => DEVSET[c].map((d) => d.note))];

/** A small seeded generator, so a failing garbage note can be reproduced. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const PIECES = [
  'amoxicillin',
  'MTX',
  'bd',
  'tds',
  'q4h',
  'x 7/7',
  '2/52',
  'then',
  'stop',
  'prn',
  'max',
  'every',
  'Monday',
  'weekly',
  '(',
  ')',
  ',',
  '.',
  ';',
  '\n',
  '- ',
  'Plan:',
  'DH:',
  '500mg',
  '20,000',
  'at 8am',
  'nocte',
  'both',
  'for',
  'days',
  'recheck',
  'in 2 weeks',
  'allergic to',
  'long term',
  '\u0130',
  '\u{1F600}',
  '\t',
  '   ',
  '/',
];
function garbage(seed: number, words: number): string {
  const next = rng(seed);
  return Array.from({ length: words }, () =>
    next() < 0.8 ? PIECES[Math.floor(next() * PIECES.length)] : String.fromCharCode(Math.floor(next() * 0x2fff)),
  ).join(next() < 0.5 ? ' ' : '');
}

function assertValid(note: string) {
  const out = extractByRules(note);
  const parsed = extractionSchema.safeParse(out);
  assert.ok(parsed.success, `schema rejected output for: ${JSON.stringify(note.slice(0, 200))}`);
  assert.deepEqual(parsed.data, out, 'the schema would change the output (untrimmed text?)');
  for (const item of [...out.plan, ...out.checklist, ...out.unclear]) {
    assert.ok(note.includes(item.source), `source is not part of the note: ${JSON.stringify(item.source)}`);
  }
  return out;
}

describe('RulesExtractor v2: properties', () => {
  test('every output passes extractionSchema unchanged, and every source is part of the note', () => {
    for (const note of NOTES) assertValid(note);
  });

  test('deterministic: the same note twice gives the same steps', async () => {
    const extractor = new RulesExtractor();
    for (const note of NOTES) assert.deepEqual(await extractor.extract(note), await extractor.extract(note));
  });

  test('identifies itself as rules / rules-v2', () => {
    const extractor = new RulesExtractor();
    assert.equal(extractor.name, 'rules');
    assert.equal(extractor.model, 'rules-v2');
  });

  test('empty and whitespace-only notes give empty lists', () => {
    for (const note of ['', '   ', '\n\n', '.', '- ', 'Plan:']) {
      assert.deepEqual(extractByRules(note), { checklist: [], plan: [], unclear: [] });
    }
  });

  test('a frequency without a duration is never given one: it goes to unclear', () => {
    for (const note of ['Take apixaban 5mg twice daily.', 'Amoxicillin 500mg tds', 'Methotrexate 10mg weekly']) {
      const out = extractByRules(note);
      assert.deepEqual(out.plan, [], note);
      assert.equal(out.unclear.length, 1, note);
      assert.equal(out.unclear[0]!.reason, 'no duration stated');
    }
  });

  test('never throws on garbage, and garbage still gives schema-valid output', () => {
    for (let seed = 1; seed <= 300; seed++) assertValid(garbage(seed, 5 + (seed % 60)));
  });

  test('a 20 000-character note finishes fast', () => {
    const notes = [
      garbage(7, 4000).slice(0, 20_000),
      'Amoxicillin 500mg tds x 7/7, '.repeat(700).slice(0, 20_000),
      'a'.repeat(20_000),
      `${'then '.repeat(4000)}`.slice(0, 20_000),
      `Prednisolone 40mg od x 5 days ${'then 20mg od x 5 days '.repeat(900)}`.slice(0, 20_000),
    ];
    for (const note of notes) {
      const started = performance.now();
      assertValid(note);
      const ms = performance.now() - started;
      assert.ok(ms < 2000, `${ms.toFixed(0)} ms for ${JSON.stringify(note.slice(0, 40))}…`);
    }
  });

  test('more items than the limit: the list is capped and the rest are named in unclear', () => {
    const many = Array.from({ length: 70 }, (_, i) => `Amoxicillin ${i + 1}mg bd for 5 days.`).join('\n');
    const out = assertValid(many);
    assert.equal(out.plan.length, MAX_ITEMS);
    const note = out.unclear.find((u) => /20 more plan items/.test(u.reason));
    assert.ok(note, JSON.stringify(out.unclear));
    assert.equal(note.source, 'Amoxicillin 51mg bd for 5 days');
  });

  test('long text and sources stay within the schema limits', () => {
    const long = `Take paracetamol 1g ${'with a glass of water '.repeat(60)}four times a day for 3 days.`;
    const out = assertValid(long);
    for (const p of out.plan) assert.ok(p.text.length <= MAX_TEXT_CHARS && p.source.length <= MAX_SOURCE_CHARS);
  });
});
