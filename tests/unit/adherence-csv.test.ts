// The CSV cell rule on its own: RFC 4180 quoting and the formula defusing for each trigger.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, csvLine } from '../../src/doses/adherenceCsv.js';

test('csvCell: quotes what RFC 4180 needs, defuses = + - @ tab CR', () => {
  assert.equal(csvCell('plain text'), 'plain text');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(42), '42');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-2 tablets'), "'-2 tablets");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\tx'), "'\tx");
  assert.equal(csvCell('\rx'), `"'\rx"`);
  assert.equal(csvCell('=a,"b"'), `"'=a,""b"""`);
  assert.equal(csvCell('take 1 = fine'), 'take 1 = fine', 'only a leading trigger');
  assert.equal(csvLine(['a', 1, null]), 'a,1,\r\n');
});
