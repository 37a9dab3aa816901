// Rule 4's dose half on hand-built extractions, as a model would return them: two doses for one
// drug merged into one item go to the doctor; the same words split one item per dose, a taper's
// phases, or two drugs' doses in one sentence pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSafety } from '../../src/extraction/safety.js';
import { type ExtractedPlanItem, timing } from '../../src/extraction/schema.js';

const at = (...timeOfDay: string[]) => timing({ frequency: timeOfDay.length, period: 1, periodUnit: 'd', timeOfDay });
const item = (text: string, source: string, t = at('08:00')): ExtractedPlanItem => ({
  text,
  asNeeded: false,
  timing: t,
  source,
});
const run = (note: string, plan: ExtractedPlanItem[]) => checkSafety(note, { checklist: [], plan, unclear: [] });

const NOTE = 'Furosemide 80mg mane and 40mg midday, ongoing.';

test('two doses merged into one item: not scheduled, the doctor is told why', () => {
  const merged = item('Take furosemide 80mg', NOTE, at('08:00', '12:00'));
  const out = run(NOTE, [merged]);
  assert.deepEqual(out.steps.plan, []);
  assert.deepEqual(out.steps.unclear, [
    { source: NOTE, reason: 'two different doses for one drug ("80mg … 40mg") in one item: one item per dose' },
  ]);
  // Without the amount in its text, a second item does not show the split either.
  const vague = run(NOTE, [merged, item('Take furosemide', NOTE, at('12:00'))]);
  assert.equal(vague.steps.plan.length, 0);
});

test('the same words split one item per dose pass untouched', () => {
  const plan = [item('Take furosemide 80mg', NOTE), item('Take furosemide 40mg', NOTE, at('12:00'))];
  assert.deepEqual(run(NOTE, plan).steps, { checklist: [], plan, unclear: [] });
});

test("a taper's phases, a strength and its dose in grams, and two drugs in one sentence", () => {
  const taper = 'Prednisolone 40mg od for 5 days then 30mg od for 5 days then stop.';
  const days = (startDay: number) => timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 5, startDay });
  const phases = [item('Take prednisolone 40mg', taper, days(0)), item('Take prednisolone 30mg', taper, days(5))];
  assert.deepEqual(run(taper, phases).steps.plan, phases);

  const two = 'Furosemide 80mg mane and amlodipine 5mg od, ongoing.';
  const plan = [item('Take furosemide 80mg', two), item('Take amlodipine 5mg', two)];
  assert.deepEqual(run(two, plan).steps, { checklist: [], plan, unclear: [] });

  const same = 'Paracetamol 1g (2 x 500mg) qds, ongoing.';
  const one = [item('Take paracetamol 1g', same, at('08:00', '12:00', '16:00', '20:00'))];
  assert.deepEqual(run(same, one).steps.plan, one, 'the amount in brackets is the same dose');
});

test('an item the doctor typed by hand is their decision', () => {
  const typed = item('Take furosemide 80mg', '', at('08:00', '12:00'));
  assert.deepEqual(run(NOTE, [typed]).steps.plan, [typed]);
});

test('a drug given into a vein is not a dose the patient takes, from any extractor', () => {
  const note = 'Amoxicillin 1g tds IV for 48 hours, then oral amoxicillin 500mg tds for 5 days.';
  const days = (durationDays: number, startDay = 0) =>
    timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays, startDay });
  const iv = item('Take amoxicillin 1g', 'Amoxicillin 1g tds IV for 48 hours', days(2));
  const oral = item('Take amoxicillin 500mg', 'then oral amoxicillin 500mg tds for 5 days', days(5, 2));
  const out = run(note, [iv, oral]);
  assert.deepEqual(out.steps.plan, [oral]);
  assert.deepEqual(
    out.steps.unclear.map((u) => u.reason),
    ['given intravenously ("iv"): not a dose the patient takes; give the oral or home part as its own item'],
  );
  // "Received IV ceftriaxone" in the same source does not reach the next drug's words.
  const both = 'Received IV ceftriaxone in ED, now amoxicillin 500mg tds for 5 days.';
  const amox = item('Take amoxicillin 500mg', both, days(5));
  assert.deepEqual(run(both, [amox]).steps.plan, [amox]);
});

test("an item whose text loses the one dose its drug's words state goes to the doctor", () => {
  const note = 'Increase sertraline to 100mg od ongoing. Paracetamol 500mg 2 tablets qds prn.';
  const lost = item('Take sertraline', 'Increase sertraline to 100mg od ongoing');
  const kept = item('Take sertraline 100 mg', 'Increase sertraline to 100mg od ongoing');
  const count = { ...item('Take 2 tablets of paracetamol', 'Paracetamol 500mg 2 tablets qds prn'), asNeeded: true };
  const out = run(note, [lost, count]);
  assert.deepEqual(out.steps.plan, [count], 'a count of tablets is a dose');
  assert.deepEqual(
    out.steps.unclear.map((u) => u.reason),
    ['the item\'s text leaves out the dose its words state ("100mg")'],
  );
  assert.deepEqual(run(note, [kept, count]).steps.plan, [kept, count]);
});

test('an ongoing item whose words give a course length would never end: the doctor is asked', () => {
  const note = 'Continue amoxicillin 500mg tds for 5 more days.';
  const forever = item('Take amoxicillin 500mg', note, timing({ frequency: 3, period: 1, periodUnit: 'd' }));
  const out = run(note, [forever]);
  assert.deepEqual(out.steps.plan, []);
  assert.deepEqual(
    out.steps.unclear.map((u) => u.reason),
    ['the words give a course of 5 days; the item has no end'],
  );
  // How long a drug takes to work is not a course; "long term" says ongoing in words.
  const works = 'Sertraline 50mg od ongoing, may take 4-6 weeks to work.';
  const sertraline = item('Take sertraline 50mg', works);
  assert.deepEqual(run(works, [sertraline]).steps.plan, [sertraline]);
  // A restart after a hold follows the hold's length, not a course of its own.
  const hold = 'Hold metformin for 2 days then restart 500mg bd ongoing.';
  const restart = item('Take metformin 500mg', hold, timing({ frequency: 2, period: 1, periodUnit: 'd', startDay: 2 }));
  assert.deepEqual(run(hold, [restart]).steps.plan, [restart]);
});

test("a doctor's correction is theirs: the source's words do not overrule the edited item", () => {
  const note = 'Amoxicillin 500mg tds for 2 days.';
  const ongoing = item(
    'Take amoxicillin',
    note,
    timing({ frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'] }),
  );
  const byModel = checkSafety(note, { checklist: [], plan: [ongoing], unclear: [] });
  assert.equal(byModel.steps.plan.length, 0, 'from an extractor: dose lost, course lost');
  const byDoctor = checkSafety(note, { checklist: [], plan: [ongoing], unclear: [] }, { byDoctor: true });
  assert.deepEqual(byDoctor.steps.plan, [ongoing]);
  assert.deepEqual(byDoctor.holds, [0], 'weekly still waits for confirmation');
});
