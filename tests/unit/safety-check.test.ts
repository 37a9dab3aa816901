// checkSafety on hand-built extractions (never the rules extractor): coverage of every drug the
// note prescribes, stopped / past / allergy drugs never scheduled, high-alert holds, and output
// that still passes extractionSchema whatever comes in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSafety } from '../../src/extraction/safety.js';
import { noteMentions } from '../../src/extraction/safety-context.js';
import {
  type ExtractedPlanItem,
  type Extraction,
  MAX_ITEMS,
  extractionSchema,
  timing,
} from '../../src/extraction/schema.js';

const daily = (extra: Partial<Parameters<typeof timing>[0]> = {}) =>
  timing({ frequency: 1, period: 1, periodUnit: 'd', ...extra });
const bd = timing({ frequency: 2, period: 1, periodUnit: 'd' });
const weekly = timing({ frequency: 1, period: 1, periodUnit: 'wk' });
const item = (text: string, source: string, t = daily(), asNeeded = false): ExtractedPlanItem => ({
  text,
  asNeeded,
  timing: t,
  source,
});
const steps = (plan: ExtractedPlanItem[], more: Partial<Extraction> = {}): Extraction => ({
  checklist: [],
  plan,
  unclear: [],
  ...more,
});

/** Runs the check and asserts its output is still valid v2 output. */
function check(note: string, input: Extraction) {
  const result = checkSafety(note, input);
  const parsed = extractionSchema.safeParse(result.steps);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  for (const i of result.holds) assert.ok(i >= 0 && i < result.steps.plan.length, `hold ${i} out of range`);
  return result;
}
const reasons = (s: Extraction) => s.unclear.map((u) => u.reason);

describe('stopped drugs are never scheduled', () => {
  test('"Stop warfarin. Start apixaban 5 mg bd, long term." keeps apixaban and unschedules warfarin', () => {
    const note = 'Stop warfarin. Start apixaban 5 mg bd, long term.';
    const apixaban = item('Take apixaban 5 mg', 'Start apixaban 5 mg bd, long term.', bd);
    const { steps: out, holds } = check(note, steps([apixaban, item('Take warfarin', 'Stop warfarin.')]));
    assert.deepEqual(out.plan, [apixaban]);
    assert.deepEqual(out.unclear, [
      { source: 'Stop warfarin.', reason: 'the note stops warfarin; it was not scheduled' },
    ]);
    assert.deepEqual(holds, []);
  });

  test('the right answer for a switch passes untouched (nothing added, nothing deduped)', () => {
    const note = 'Stop amlodipine. Start lisinopril 10 mg once daily, long term.';
    const input = steps([item('Take lisinopril 10 mg', 'Start lisinopril 10 mg once daily, long term.')]);
    assert.deepEqual(check(note, input), { steps: input, holds: [] });
  });

  test('a list of stopped drugs stops every one of them; negations and "stop taking" are stops', () => {
    const note =
      'Stop amlodipine and ramipril. Do not take ibuprofen. Stop taking naproxen. Continue aspirin 75 mg od.';
    const input = steps(
      ['amlodipine', 'ramipril', 'ibuprofen', 'naproxen', 'aspirin 75 mg'].map((d) => item(`Take ${d}`, note)),
    );
    const { steps: out } = check(note, input);
    assert.deepEqual(
      out.plan.map((p) => p.text),
      ['Take aspirin 75 mg'],
    );
    assert.equal(out.unclear.length, 4);
  });

  test('a drug the note stops and also prescribes goes to the doctor', () => {
    const note = 'Stop amlodipine 5 mg. Start amlodipine 10 mg once daily.';
    const { steps: out } = check(note, steps([item('Take amlodipine 10 mg', 'Start amlodipine 10 mg once daily.')]));
    assert.deepEqual(out.plan, []);
    assert.match(reasons(out)[0]!, /stops amlodipine and also prescribes it/);
  });

  test('"Hold metformin for 2 days then restart": never scheduled during the hold', () => {
    const note = 'Hold metformin for 2 days then restart 500 mg bd.';
    const now = item('Take metformin 500 mg', note, bd);
    const after = item(
      'Take metformin 500 mg',
      note,
      timing({ frequency: 2, period: 1, periodUnit: 'd', startDay: 2 }),
    );
    const early = check(note, steps([now]));
    assert.deepEqual(early.steps.plan, []);
    assert.match(reasons(early.steps)[0]!, /stops metformin/);
    assert.deepEqual(check(note, steps([after])).steps.plan, [after]);
    // Nothing made of it at all: the restart still has to reach the doctor.
    assert.match(reasons(check(note, steps([])).steps)[0]!, /mentions metformin; no step was made/);
  });

  test('a hold without a restart ("until") keeps the drug off the schedule', () => {
    const note = 'Withhold metformin until the eGFR is rechecked.';
    const later = item('Take metformin', note, daily({ startDay: 7 }));
    assert.deepEqual(check(note, steps([later])).steps.plan, []);
    assert.deepEqual(check(note, steps([])).steps.unclear, [], 'a stop needs no step');
  });

  test('"Warfarin — stopped" and "Metformin, stopped due to GI upset": the cue after the drug counts', () => {
    const note = 'Warfarin — stopped.\nMetformin, stopped due to GI upset.';
    const { steps: out } = check(note, steps([item('Take warfarin', 'Warfarin'), item('Take metformin', 'Metformin')]));
    assert.deepEqual(out.plan, []);
  });

  test('an item a doctor typed by hand (source "") is their decision and stays', () => {
    const note = 'Stop warfarin.';
    const typed = item('Take warfarin 3 mg', '');
    assert.deepEqual(check(note, steps([typed])).steps.plan, [typed]);
  });

  test('a PRN item of a stopped drug is unscheduled too', () => {
    const note = 'Stop ibuprofen (gastritis). Paracetamol 1 g qds prn.';
    const prn = item('Take ibuprofen 400 mg', 'ibuprofen', null as never, true);
    const { steps: out } = check(
      note,
      steps([{ ...prn, timing: null }], { unclear: [{ source: 'Paracetamol 1 g qds prn', reason: 'x' }] }),
    );
    assert.deepEqual(out.plan, []);
  });
});

describe('the context of a mention', () => {
  const contexts = (note: string) =>
    noteMentions(note).map((m) => `${m.name}:${m.context}${m.restarted ? '+restart' : ''}`);

  test('ugly real-world phrasings', () => {
    const cases: Array<[string, string[]]> = [
      ['Switch from ramipril to losartan 50 mg od.', ['ramipril:stop', 'losartan:active']],
      // A ceiling is not a stop; "while on" names what the patient keeps taking.
      ['Lorazepam 0.5 mg PRN, no more than twice a day.', ['lorazepam:active']],
      ['Do not take ibuprofen or naproxen while on apixaban.', ['ibuprofen:stop', 'naproxen:stop', 'apixaban:active']],
      // Drug history, a past course, a side effect, a question: none prescribes.
      ['DH: amlodipine 10mg od, aspirin 75mg od.', ['amlodipine:history', 'aspirin:history']],
      ['Had a course of amoxicillin last month.', ['amoxicillin:history']],
      [
        'Co-codamol causing constipation - switched to paracetamol 1g qds prn.',
        ['co-codamol:history', 'paracetamol:active'],
      ],
      ['Simvastatin - muscle aches, stopped.', ['simvastatin:stop']],
      ['Hyoscine butylbromide? no.', ['hyoscine:history']],
      ['Omeprazole - use when needed and try to come off it.', ['omeprazole:active']],
      ['Stop ibuprofen and restart naproxen 500 mg bd.', ['ibuprofen:stop', 'naproxen:active']],
      ['Do not restart warfarin until seen in clinic.', ['warfarin:stop']],
      ['Hold metformin for 2 days, then restart 500 mg bd.', ['metformin:stop+restart']],
      ['Allergic to penicillin — clarithromycin 500 mg bd x 7/7', ['penicillin:allergy', 'clarithromycin:active']],
      ['Pen allergic - clarithromycin 500 bd 7/7', ['clarithromycin:active']],
      ['Prednisolone 40 mg od for 5 days, then 20 mg od for 5 days, then stop.', ['prednisolone:active']],
      ['Omeprazole 20 mg od x 2/52 then stop', ['omeprazole:active']],
      ['Currently on Eliquis 5 mg bd.', ['apixaban:active']],
      ['No longer taking simvastatin (myalgia).', ['simvastatin:stop']],
      ['Was on sertraline 2 years ago.', ['sertraline:history']],
      ['Penicillin: anaphylaxis. Amoxicillin must not be given.', ['penicillin:allergy', 'amoxicillin:stop']],
      // A switch without "from"; "now" starts what follows; "to 10mg" is a new dose, not a switch.
      ['Change ramipril to losartan 50mg od.', ['ramipril:stop', 'losartan:active']],
      ['Switch ramipril to losartan 50mg od.', ['ramipril:stop', 'losartan:active']],
      ['Change ramipril to 10mg nocte.', ['ramipril:active']],
      ['Previously on ramipril, now losartan 50mg od.', ['ramipril:history', 'losartan:active']],
      ['Stop ramipril, now losartan 50mg od.', ['ramipril:stop', 'losartan:active']],
      ['Stop ramipril now.', ['ramipril:stop']],
      ['Previously on warfarin, now off warfarin.', ['warfarin:history', 'warfarin:history']],
      // How to take it is not a stop, nor past medication; a drug it must not be taken with is.
      ['Ibuprofen 400mg tds for 5 days, not on an empty stomach.', ['ibuprofen:active']],
      ['Ibuprofen 400mg tds. Do not take ibuprofen on an empty stomach.', ['ibuprofen:active', 'ibuprofen:active']],
      ['Paracetamol 1g qds prn, do not take more than 8 tablets in 24 hours.', ['paracetamol:active']],
      ['Doxycycline 100mg od for 7 days, do not take with milk.', ['doxycycline:active']],
      ['Do not take ibuprofen with warfarin.', ['ibuprofen:stop', 'warfarin:stop']],
      // A course the note says is over is past medication.
      ['Amoxicillin 500mg tds 5/7 (completed).', ['amoxicillin:history']],
      ['Completed a course of amoxicillin last week.', ['amoxicillin:history']],
    ];
    for (const [note, want] of cases) assert.deepEqual(contexts(note), want, note);
  });

  test('"Stop ibuprofen and restart naproxen": the restart is not ibuprofen\'s', () => {
    const note = 'Stop ibuprofen and restart naproxen 500 mg bd.';
    const later = item('Take ibuprofen 400 mg', note, daily({ startDay: 3 }));
    const naproxen = item('Take naproxen 500 mg', note, bd);
    assert.deepEqual(check(note, steps([later, naproxen])).steps.plan, [naproxen]);
  });

  test('a taper that ends "then stop" keeps every phase', () => {
    const note = 'Prednisolone 40 mg od for 5 days, then 20 mg od for 5 days, then stop.';
    const plan = [
      item('Take prednisolone 40 mg', 'Prednisolone 40 mg od for 5 days', daily({ durationDays: 5 })),
      item('Take prednisolone 20 mg', 'then 20 mg od for 5 days', daily({ durationDays: 5, startDay: 5 })),
    ];
    assert.deepEqual(check(note, steps(plan)), { steps: steps(plan), holds: [] });
  });
});

describe('history and allergy drugs', () => {
  test('"Previously on metformin, stopped due to GI upset." needs no step and is never scheduled', () => {
    const note = 'Previously on metformin, stopped due to GI upset.';
    assert.deepEqual(check(note, steps([])).steps.unclear, []);
    const { steps: out } = check(note, steps([item('Take metformin 500 mg', note)]));
    assert.deepEqual(out.plan, []);
    assert.match(reasons(out)[0]!, /metformin only as past medication/);
  });

  test('"Rash with amoxicillin last year — use clarithromycin 500 mg bd x 7/7"', () => {
    const note = 'Rash with amoxicillin last year — use clarithromycin 500 mg bd x 7/7';
    const clari = item(
      'Take clarithromycin 500 mg',
      note,
      timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: 7 }),
    );
    // The right answer passes; scheduling the allergy drug does not.
    assert.deepEqual(check(note, steps([clari])), { steps: steps([clari]), holds: [] });
    const { steps: out } = check(
      note,
      steps([item('Take amoxicillin 500 mg', 'Rash with amoxicillin last year'), clari]),
    );
    assert.deepEqual(out.plan, [clari]);
    assert.match(reasons(out)[0]!, /allergy or reaction to amoxicillin/);
  });

  test('allergy lists, "intolerant of", tried-and-failed are not prescriptions', () => {
    const note =
      'Allergies: penicillin, codeine. Intolerant of atorvastatin. Tried sertraline, failed. Start mirtazapine 15 mg nocte.';
    const ctx = Object.fromEntries(noteMentions(note).map((m) => [m.name, m.context]));
    assert.deepEqual(ctx, {
      penicillin: 'allergy',
      codeine: 'allergy',
      atorvastatin: 'allergy',
      sertraline: 'history',
      mirtazapine: 'active',
    });
    const { steps: out } = check(note, steps([]));
    assert.deepEqual(reasons(out), ['the note mentions mirtazapine; no step was made']);
  });
});

describe('coverage: every drug the note prescribes ends up somewhere', () => {
  test('a model answer that forgot colchicine gets an unclear entry quoting the sentence', () => {
    const note = 'Acute gout.\nStart colchicine 500 micrograms bd for 5 days. Naproxen 500 mg bd with food x 5/7.';
    const naproxen = item(
      'Take naproxen 500 mg with food',
      'Naproxen 500 mg bd with food x 5/7',
      timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: 5 }),
    );
    const { steps: out } = check(note, steps([naproxen]));
    assert.deepEqual(out.plan, [naproxen]);
    assert.deepEqual(out.unclear, [
      {
        source: 'Start colchicine 500 micrograms bd for 5 days',
        reason: 'the note mentions colchicine; no step was made',
      },
    ]);
  });

  test('a drug in the checklist, in unclear, or by brand name counts as covered', () => {
    const note = 'Collect the Eliquis from the pharmacy. Insulin as discussed with the diabetes nurse.';
    const input = steps([], {
      checklist: [{ text: 'Collect apixaban from the pharmacy', dueInDays: 0, source: 'Collect the Eliquis' }],
      unclear: [{ source: 'Insulin as discussed', reason: 'no dose or frequency given' }],
    });
    assert.deepEqual(check(note, input), { steps: input, holds: [] });
  });

  test('one entry per forgotten drug, in note order', () => {
    const note = 'Ramipril 5 mg od. Bisoprolol 2.5 mg od. Ramipril to be reviewed.';
    assert.deepEqual(reasons(check(note, steps([])).steps), [
      'the note mentions ramipril; no step was made',
      'the note mentions bisoprolol; no step was made',
    ]);
  });

  test('a chatty note with no drug adds nothing', () => {
    const note = 'Lovely to see you today. Keep walking, we will talk again in spring.';
    assert.deepEqual(check(note, steps([])), { steps: steps([]), holds: [] });
  });
});

describe('high-alert holds', () => {
  test('methotrexate weekly and methotrexate (mis)scheduled daily are both held', () => {
    const note = 'Methotrexate 15 mg once weekly on Mondays. Folic acid 5 mg once weekly on Thursdays.';
    const mtxWeekly = item('Take methotrexate 15 mg', 'Methotrexate 15 mg once weekly on Mondays', {
      ...weekly,
      dayOfWeek: ['mon'],
    });
    const mtxDaily = item('Take methotrexate 15 mg', 'Methotrexate 15 mg once weekly on Mondays', daily());
    const folicDaily = item('Take folic acid 5 mg', 'Folic acid 5 mg', daily());
    assert.deepEqual(check(note, steps([folicDaily, mtxWeekly, mtxDaily])).holds, [1, 2]);
  });

  test('methotrexate however written: PRN, brand, MTX, or only the source names it', () => {
    const note = 'MTX 10 mg weekly.';
    const plan = [
      { ...item('Take methotrexate if flare', 'methotrexate'), asNeeded: true, timing: null },
      item('Inject Metoject 15 mg', 'Metoject 15 mg weekly', daily()),
      item('Take 4 tablets', 'MTX 10 mg weekly', daily()),
      item('Take paracetamol 1 g', 'Paracetamol 1 g with methotrexate', daily()),
    ];
    assert.deepEqual(check(note, steps(plan)).holds, [0, 1, 2]);
  });

  test('alendronate weekly, alternate days and monthly are held; daily and hourly are not', () => {
    const note = 'Alendronic acid.';
    const plan = [
      item('Take alendronate 70 mg', 'Alendronate 70 mg once weekly', weekly),
      item('Take prednisolone', 'alternate days', timing({ frequency: 1, period: 2, periodUnit: 'd' })),
      item('Take vitamin D 50,000 units', 'monthly', timing({ frequency: 1, period: 1, periodUnit: 'mo' })),
      item('Take amoxicillin', 'tds', timing({ frequency: 3, period: 1, periodUnit: 'd' })),
      item('Take paracetamol', 'every 6 hours', timing({ frequency: 1, period: 6, periodUnit: 'h' })),
      item('Exercises', 'three times a week', timing({ frequency: 3, period: 1, periodUnit: 'wk' })),
    ];
    assert.deepEqual(check(note, steps(plan)).holds, [0, 1, 2, 5]);
  });

  test('a drug an allergy the note records reaches is held with the reason; an unrelated one is not', () => {
    const note = 'Allergic to penicillin (rash). Amoxicillin 500 mg tds 5/7. Cefalexin. Clarithromycin.';
    const plan = [
      item(
        'Take amoxicillin 500 mg',
        'Amoxicillin 500 mg tds 5/7',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
      ),
      item('Take cefalexin 500 mg', 'Cefalexin 500 mg bd', bd),
      item('Take clarithromycin 500 mg', 'Clarithromycin 500 mg bd', bd),
    ];
    const { steps: out, holds } = check(note, steps(plan));
    assert.deepEqual(out.plan, plan, 'nothing unscheduled: the doctor may mean it');
    assert.deepEqual(holds, [0, 1]);
    const byHand = item('Take amoxicillin 500 mg', '', bd);
    assert.deepEqual(check(note, steps([byHand])).holds, [], 'typed by the doctor: their decision');
    assert.deepEqual(
      out.unclear.map((u) => u.reason),
      [
        'the note records an allergy to penicillin; amoxicillin is a penicillin: confirm',
        'the note records an allergy to penicillin; cefalexin is a cephalosporin, which some penicillin allergies react to: confirm',
      ],
    );
  });

  test('hold indexes point into the returned plan, after stopped items were taken out', () => {
    const note = 'Stop warfarin. Alendronate 70 mg once weekly.';
    const alendronate = item('Take alendronate 70 mg', 'Alendronate 70 mg once weekly', weekly);
    const { steps: out, holds } = check(note, steps([item('Take warfarin', 'Stop warfarin'), alendronate]));
    assert.deepEqual(out.plan, [alendronate]);
    assert.deepEqual(holds, [0]);
  });
});

describe("schedules the patient's clock cannot keep as written go to the doctor", () => {
  const per = (frequency: number, period: number, periodUnit: 'h' | 'd' | 'wk', extra = {}) =>
    timing({ frequency, period, periodUnit, durationDays: 14, ...extra });

  test('24 a day, 10 a week, 3 every 2 days, times that do not match the count: unclear, with the reason', () => {
    const cases: Array<[ExtractedPlanItem, RegExp]> = [
      [
        item('Use chloramphenicol drops', 'chloramphenicol 24 times a day', per(24, 1, 'd')),
        /24 times a day does not fit/,
      ],
      [item('Take lactulose 10 ml', 'lactulose 10 times a week', per(10, 1, 'wk')), /10 times a week is not a whole/],
      [item('Take metformin 500 mg', 'metformin 3 times every 2 days', per(3, 2, 'd')), /3 times every 2 days/],
      [
        item(
          'Take omeprazole 20 mg',
          'omeprazole 14 times a week at 08:00',
          per(14, 1, 'wk', { timeOfDay: ['08:00'] }),
        ),
        /is 2 a day but 1 times of day/,
      ],
    ];
    for (const [it, reason] of cases) {
      const { steps: out, holds } = check(it.source, steps([it]));
      assert.deepEqual(out.plan, [], it.source);
      assert.deepEqual(holds, []);
      assert.equal(out.unclear.length, 1, it.source);
      assert.equal(out.unclear[0]!.source, it.source);
      assert.match(out.unclear[0]!.reason, reason);
    }
  });

  test('an exception in the source that the timing names no days for: unclear; with the days: kept', () => {
    const source = 'Prednisolone 5 mg daily except Sundays for 2 weeks';
    const daily14 = per(1, 1, 'd');
    const { steps: out } = check(source, steps([item('Take prednisolone 5 mg', source, daily14)]));
    assert.deepEqual(out.plan, []);
    assert.match(out.unclear[0]!.reason, /exception to the schedule \("except sundays"\)/);
    const days = per(6, 1, 'wk', { dayOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] });
    const kept = item('Take prednisolone 5 mg', source, days);
    assert.deepEqual(check(source, steps([kept])).steps.plan, [kept]);
  });

  test('a drug its source starts on a condition goes to the doctor; "if pain" as needed stays', () => {
    const source = 'if no better after 3 days, start doxycycline 100 mg od 7/7';
    const doxy = item('Take doxycycline 100 mg', source, per(1, 1, 'd'));
    const { steps: out } = check(source, steps([doxy]));
    assert.deepEqual(out.plan, []);
    assert.match(out.unclear[0]!.reason, /a conditional start \("if no better after 3 days"\)/);
    const prn = item('Take paracetamol 1 g', 'paracetamol 1 g qds if pain', per(4, 1, 'd'), true);
    assert.deepEqual(check(prn.source, steps([prn])).steps.plan, [prn]);
  });

  test('what the clock keeps stays: 13 a day, 24 a day at given times, hourly, 14 a week, weekly, PRN', () => {
    const note = 'Chloramphenicol drops. Lactulose. Alendronate. Paracetamol.';
    const times = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);
    const plan = [
      item('Use chloramphenicol drops', 'chloramphenicol 13 times a day', per(13, 1, 'd')),
      item('Use chloramphenicol drops', 'chloramphenicol on the hour', per(24, 1, 'd', { timeOfDay: times })),
      item('Use chloramphenicol drops', 'chloramphenicol hourly', per(1, 1, 'h')),
      item('Take lactulose 10 ml', 'lactulose 14 times a week', per(14, 1, 'wk')),
      item('Take alendronate 70 mg', 'alendronate weekly', weekly),
      item('Take paracetamol 1 g', 'paracetamol up to 10 times a week', per(10, 1, 'wk'), true),
    ];
    const { steps: out } = check(note, steps(plan));
    assert.deepEqual(out.plan, plan);
    assert.deepEqual(out.unclear, []);
  });
});

describe('limits and odd input', () => {
  test('more than MAX_ITEMS unclear parts: the overflow is merged into one entry, none dropped', () => {
    const existing = Array.from({ length: MAX_ITEMS }, (_, i) => ({ source: `part ${i}`, reason: 'vague' }));
    const note = 'Start colchicine 500 micrograms bd. Start allopurinol 100 mg od.';
    const { steps: out } = check(note, steps([], { unclear: existing }));
    assert.equal(out.unclear.length, MAX_ITEMS);
    const last = out.unclear.at(-1)!;
    assert.match(last.reason, /^3 parts need review: vague; the note mentions colchicine/);
    assert.match(last.source, /part 49 … Start colchicine .* … Start allopurinol/);
  });

  test('never throws on odd input, and is deterministic', () => {
    const odd = [
      [undefined, undefined],
      ['', { checklist: [], plan: [], unclear: [] }],
      [42, { plan: [{ text: 'Take methotrexate', asNeeded: false, timing: { frequency: 0 }, source: 'x' }] }],
      ['Stop warfarin', { checklist: null, plan: [{}], unclear: 'no' }],
      ['x'.repeat(100_000), steps([])],
    ];
    for (const [note, input] of odd) {
      const a = checkSafety(note as string, input as Extraction);
      assert.deepEqual(a, checkSafety(note as string, input as Extraction));
    }
    const long = `Start colchicine ${'and keep going '.repeat(200)}.`;
    const { steps: out } = check(long, steps([]));
    assert.ok(out.unclear[0]!.source.length <= 1000);
  });

  test('a note at the 20,000-character limit is checked quickly (linear, no regex blow-up)', () => {
    for (const unit of ['Stop warfarin and ', 'warfarin, ', 'switch from to ', 'Start colchicine 500 mcg bd. ']) {
      const note = unit.repeat(Math.ceil(20_000 / unit.length));
      const started = Date.now();
      check(note, steps([item('Take warfarin', note.slice(0, 200))]));
      assert.ok(Date.now() - started < 2_000, `${unit}: ${Date.now() - started} ms`);
    }
  });

  test('the input is not mutated', () => {
    const note = 'Stop warfarin. Start colchicine 500 micrograms bd.';
    const input = steps([item('Take warfarin', 'Stop warfarin')]);
    const copy = structuredClone(input);
    check(note, input);
    assert.deepEqual(input, copy);
  });
});
