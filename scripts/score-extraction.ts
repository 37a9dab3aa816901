// `npm run score:extraction`: the development set (tests/devset/) through the rules extractor and
// the safety check (what the product keeps), as a per-category table of notes fully right. The
// "rules alone" column skips the safety check, to tell the two apart when a figure drops.
// `--failures` lists every note that is not fully right and why.
import { extractByRules } from '../src/extraction/rules.js';
import { byCategory, explain, scoreDevset } from '../tests/devset/score.js';

const results = scoreDevset();
const alone = byCategory(scoreDevset(extractByRules));
const rows = byCategory(results);
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd([17, 11, 7, 11][i]!)).join(' | ')} |`;
console.log(line(['category', 'fully right', '%', 'rules alone']));
console.log(line(['-'.repeat(17), '-'.repeat(11), '-'.repeat(7), '-'.repeat(11)]));
rows.forEach((r, i) => {
  console.log(line([r.category, `${r.right}/${r.total}`, pct(r.right, r.total), `${alone[i]!.right}/${r.total}`]));
});
const right = results.filter((r) => r.fullyRight).length;
const aloneRight = alone.reduce((n, r) => n + r.right, 0);
console.log(line(['all', `${right}/${results.length}`, pct(right, results.length), `${aloneRight}/${results.length}`]));
const never = results.flatMap((r) => r.neverScheduled);
const weekly = results.flatMap((r) => r.weeklyAsDaily);
const missing = results.flatMap((r) => r.missing);
console.log(
  `\nnever-drugs scheduled: ${never.length}; weekly read as daily: ${weekly.length}; missing: ${missing.length}`,
);
if (process.argv.includes('--failures')) console.log(`\n${explain(results)}`);
