import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_DURATION_DAYS,
  DEFAULT_DURATION_NOTE,
  RulesExtractor,
  extractByRules,
} from '../../src/extraction/rules.js';
import { MAX_ITEMS, MAX_TEXT_CHARS, extractionSchema } from '../../src/extraction/schema.js';

/** [text, frequencyPerDay, durationDays] */
type Step = [string, number, number];
interface Case {
  note: string;
  plan: Step[];
  checklist?: string[];
}

// Realistic notes with the exact steps a careful reader would take from them.
const CASES: Case[] = [
  // Plain English counts and durations in digits or words.
  {
    note: 'Take amoxicillin 500mg twice daily for 7 days and ibuprofen 400mg three times a day for 5 days.',
    plan: [
      ['Take amoxicillin 500mg', 2, 7],
      ['Take ibuprofen 400mg', 3, 5],
    ],
  },
  { note: 'Take amoxicillin 500 mg three times daily for five days.', plan: [['Take amoxicillin 500 mg', 3, 5]] },
  {
    note: 'Take omeprazole 20mg once a day before breakfast for 4 weeks.',
    plan: [['Take omeprazole 20mg before breakfast', 1, 28]],
  },
  // Prescription shorthand: BID/TID/QID/QD/OD/TDS/QDS, q12h, x N days, x 5/7.
  { note: 'Ibuprofen 400mg TDS with food x 5 days.', plan: [['Take ibuprofen 400mg with food', 3, 5]] },
  { note: 'Cetirizine 10mg at bedtime for 2 weeks.', plan: [['Take cetirizine 10mg', 1, 14]] },
  {
    note: 'Take 1 tablet of lisinopril 10mg every morning for 30 days.',
    plan: [['Take 1 tablet of lisinopril 10mg', 1, 30]],
  },
  { note: 'Flucloxacillin 500mg QID for 7 days.', plan: [['Take flucloxacillin 500mg', 4, 7]] },
  { note: 'Nitrofurantoin 100mg b.i.d. for 5 days.', plan: [['Take nitrofurantoin 100mg', 2, 5]] },
  { note: 'Amoxicillin 500 mg TID x 7/7', plan: [['Take amoxicillin 500 mg', 3, 7]] },
  {
    note: 'Doxycycline 100mg BD x 10 days. Collect prescription from the pharmacy today.',
    plan: [['Take doxycycline 100mg', 2, 10]],
    checklist: ['Collect prescription from the pharmacy today'],
  },
  { note: 'Take ciprofloxacin 500mg q12h x 14 days', plan: [['Take ciprofloxacin 500mg', 2, 14]] },
  { note: 'Take folic acid 5mg OD x 3/12', plan: [['Take folic acid 5mg', 1, 90]] },
  { note: 'He should take amoxicillin 500 mg t.i.d. for 7 days.', plan: [['Take amoxicillin 500 mg', 3, 7]] },
  { note: 'Take 1 tablet tds for 5/7', plan: [['Take 1 tablet', 3, 5]] },
  // Every N hours -> floor(24 / N); the longer interval of a range.
  { note: 'Paracetamol 1g every 6 hours for 3 days.', plan: [['Take paracetamol 1g', 4, 3]] },
  {
    note: 'Instil chloramphenicol eye drops every 2 hours for 2 days.',
    plan: [['Instil chloramphenicol eye drops', 12, 2]],
  },
  { note: 'Take amoxicillin 500mg every eight hours for 10 days.', plan: [['Take amoxicillin 500mg', 3, 10]] },
  { note: 'Take paracetamol every 4-6 hours for 2 days.', plan: [['Take paracetamol', 4, 2]] },
  { note: 'Take 1 capsule every 6 hours for 48 hours.', plan: [['Take 1 capsule', 4, 2]] },
  { note: 'Take ondansetron 4mg every 8 hours for the next 3 days.', plan: [['Take ondansetron 4mg', 3, 3]] },
  // N x / Nx daily.
  { note: 'Use the nasal spray 2x a day for 10 days.', plan: [['Use the nasal spray', 2, 10]] },
  { note: 'Use chlorhexidine mouthwash 4x daily for 1 week', plan: [['Use chlorhexidine mouthwash', 4, 7]] },
  { note: 'Take Amoxicillin 500mg 3 times per day for 7 days.', plan: [['Take Amoxicillin 500mg', 3, 7]] },
  {
    note: 'Do knee exercises 3x daily for 6 weeks and get a blood test next week.',
    plan: [['Do knee exercises', 3, 42]],
    checklist: ['Get a blood test next week'],
  },
  // Time-of-day cues: nightly, at night, at bedtime, every morning, morning and evening.
  { note: 'Take 2 tablets nightly for 14 nights', plan: [['Take 2 tablets', 1, 14]] },
  { note: 'Take melatonin 2mg nightly x 4 weeks.', plan: [['Take melatonin 2mg', 1, 28]] },
  {
    note: 'Take atorvastatin 20mg at night.',
    plan: [['Take atorvastatin 20mg (duration not specified; 7-day default)', 1, 7]],
  },
  { note: 'Take 2 tablets of co-codamol at night for 5 nights.', plan: [['Take 2 tablets of co-codamol', 1, 5]] },
  { note: 'Take prednisolone 30mg in the morning for 5 days.', plan: [['Take prednisolone 30mg', 1, 5]] },
  {
    note: 'Check your blood pressure every morning for a month and record it.',
    plan: [['Check your blood pressure', 1, 30]],
  },
  {
    note: 'Apply hydrocortisone 1% cream thinly in the morning and at night for two weeks.',
    plan: [['Apply hydrocortisone 1% cream thinly', 2, 14]],
  },
  {
    note: 'Take 2 puffs of the brown inhaler morning and evening for a fortnight.',
    plan: [['Take 2 puffs of the brown inhaler', 2, 14]],
  },
  // Word numbers, weeks/months/fortnight, ranges, courses, open-ended.
  { note: 'Take vitamin D 1000 IU daily for three months.', plan: [['Take vitamin D 1000 IU', 1, 90]] },
  { note: 'Take aspirin 75mg daily for twenty-one days.', plan: [['Take aspirin 75mg', 1, 21]] },
  { note: 'Take the medicine 3 times a day for seventeen days.', plan: [['Take the medicine', 3, 17]] },
  { note: 'Take Ibuprofen 400 mg three times daily for a couple of days.', plan: [['Take Ibuprofen 400 mg', 3, 2]] },
  { note: 'Take omeprazole 40mg once daily for 8 wks.', plan: [['Take omeprazole 40mg', 1, 56]] },
  { note: 'Take gabapentin 300mg three times a day for one month.', plan: [['Take gabapentin 300mg', 3, 30]] },
  { note: 'Take 5ml of lactulose twice daily for 2-3 weeks.', plan: [['Take 5ml of lactulose', 2, 21]] },
  { note: 'Take ibuprofen 400mg 3-4 times a day for 5 days.', plan: [['Take ibuprofen 400mg', 3, 5]] },
  {
    note: 'Take one sachet of Movicol once or twice a day for 2 weeks.',
    plan: [['Take one sachet of Movicol', 1, 14]],
  },
  { note: 'Take a 5-day course of amoxicillin 500mg three times a day.', plan: [['Take amoxicillin 500mg', 3, 5]] },
  { note: 'Take sertraline 50mg once daily ongoing.', plan: [['Take sertraline 50mg', 1, 365]] },
  { note: 'Take levothyroxine 50mcg every morning for life.', plan: [['Take levothyroxine 50mcg', 1, 365]] },
  { note: 'Continue taking lisinopril 10mg once daily long-term.', plan: [['Take lisinopril 10mg', 1, 365]] },
  // Frequency without duration: 7-day default, flagged in the text.
  {
    note: 'Take metformin 500mg twice daily with meals.',
    plan: [['Take metformin 500mg with meals (duration not specified; 7-day default)', 2, 7]],
  },
  {
    note: 'Gargle with salt water 4 times a day. Buy throat lozenges.',
    plan: [['Gargle with salt water (duration not specified; 7-day default)', 4, 7]],
    checklist: ['Buy throat lozenges'],
  },
  {
    note: 'Bisoprolol 2.5mg daily - continue.',
    plan: [['Take bisoprolol 2.5mg (duration not specified; 7-day default)', 1, 7]],
  },
  { note: 'Take 10 units of insulin before meals for two weeks.', plan: [['Take 10 units of insulin', 3, 14]] },
  // Several clauses in one sentence.
  {
    note: 'Take paracetamol 1g and codeine 30mg four times a day for 3 days',
    plan: [['Take paracetamol 1g and codeine 30mg', 4, 3]],
  },
  {
    note: 'Take amoxicillin twice daily and ibuprofen three times daily, both for 5 days.',
    plan: [
      ['Take amoxicillin', 2, 5],
      ['Take ibuprofen', 3, 5],
    ],
  },
  {
    note: 'Take amoxicillin 250mg twice a day for ten days, paracetamol 500mg every 6 hours for 3 days and buy a digital thermometer.',
    plan: [
      ['Take amoxicillin 250mg', 2, 10],
      ['Take paracetamol 500mg', 4, 3],
    ],
    checklist: ['Buy a digital thermometer'],
  },
  {
    note: 'Take amoxicillin 500mg QD for 5 days, ibuprofen 200mg BID for 3 days, and omeprazole 20mg QID for 2 days.',
    plan: [
      ['Take amoxicillin 500mg', 1, 5],
      ['Take ibuprofen 200mg', 2, 3],
      ['Take omeprazole 20mg', 4, 2],
    ],
  },
  { note: 'For 7 days, take cefalexin 500mg every 8 hours.', plan: [['Take cefalexin 500mg', 3, 7]] },
  {
    note: 'Use salbutamol inhaler, 2 puffs, four times daily for 5 days',
    plan: [['Use salbutamol inhaler, 2 puffs', 4, 5]],
  },
  {
    note: 'Use hydrocortisone cream on the rash, twice a day, for 2 weeks.',
    plan: [['Use hydrocortisone cream on the rash', 2, 14]],
  },
  {
    note: 'Take amoxicillin 500mg three times a day for 7 days, with or without food.',
    plan: [['Take amoxicillin 500mg, with or without food', 3, 7]],
  },
  {
    note: 'Take paracetamol 1 g four times a day for three days, and drink plenty of fluids.',
    plan: [['Take paracetamol 1 g', 4, 3]],
  },
  // Pronouns borrow what was picked up; "then" phases become one item.
  {
    note: 'Pick up amoxicillin from the pharmacy and take it three times a day for five days.',
    plan: [['Take amoxicillin', 3, 5]],
    checklist: ['Pick up amoxicillin from the pharmacy'],
  },
  {
    note: 'Pick up the inhaler from the chemist and use it twice a day for a month.',
    plan: [['Use the inhaler', 2, 30]],
    checklist: ['Pick up the inhaler from the chemist'],
  },
  {
    note: 'Started on prednisolone 40mg OD for a week, then 20mg OD for a week.',
    plan: [['Take prednisolone 40mg OD for a week, then 20mg OD for a week', 1, 14]],
  },
  {
    note: 'Take doxycycline 100mg twice daily for seven days and then once daily for a further seven days.',
    plan: [['Take doxycycline 100mg twice daily for seven days, then once daily for a further seven days', 2, 14]],
  },
  { note: 'Take trimethoprim 200mg BD for three days then review.', plan: [['Take trimethoprim 200mg', 2, 3]] },
  { note: 'Take prednisolone 40mg daily for 5 days then stop.', plan: [['Take prednisolone 40mg', 1, 5]] },
  // Non-drug recurring actions.
  { note: 'Walk for 30 minutes every day for 4 weeks.', plan: [['Walk for 30 minutes', 1, 28]] },
  { note: 'Do pelvic floor exercises 3 times a day for 3 months.', plan: [['Do pelvic floor exercises', 3, 90]] },
  {
    note: 'Soak the foot in warm salt water twice daily for 1 week.',
    plan: [['Soak the foot in warm salt water', 2, 7]],
  },
  {
    note: 'Apply ice to the ankle for 20 minutes 4 times a day for 3 days, and keep it elevated.',
    plan: [['Apply ice to the ankle for 20 minutes', 4, 3]],
  },
  { note: 'Check blood glucose before meals for 2 weeks.', plan: [['Check blood glucose', 3, 14]] },
  { note: 'Drink 2 litres of water a day for a week.', plan: [['Drink 2 litres of water', 1, 7]] },
  { note: 'Inject enoxaparin 40mg once daily for 28 days.', plan: [['Inject enoxaparin 40mg', 1, 28]] },
  // One-time tasks.
  {
    note: 'Buy a thermometer. Book a follow-up appointment in 2 weeks.',
    plan: [],
    checklist: ['Buy a thermometer', 'Book a follow-up appointment in 2 weeks'],
  },
  {
    note: 'Please arrange physiotherapy and register with a GP.',
    plan: [],
    checklist: ['Arrange physiotherapy', 'Register with a GP'],
  },
  {
    note: 'Schedule a dental appointment and purchase an electric toothbrush.',
    plan: [],
    checklist: ['Schedule a dental appointment', 'Purchase an electric toothbrush'],
  },
  {
    note: 'Please pick up your prescription from the pharmacy and register for the online portal.',
    plan: [],
    checklist: ['Pick up your prescription from the pharmacy', 'Register for the online portal'],
  },
  {
    note: 'Get the antibiotics from the pharmacy today.',
    plan: [],
    checklist: ['Get the antibiotics from the pharmacy today'],
  },
  { note: 'Make an appointment with the optician.', plan: [], checklist: ['Make an appointment with the optician'] },
  {
    note: 'Take ibuprofen 400mg three times a day with food for 5 days. If pain persists, book an appointment.',
    plan: [['Take ibuprofen 400mg with food', 3, 5]],
    checklist: ['Book an appointment'],
  },
  {
    note: 'Plan:\n- Amoxicillin 500mg TDS x 7 days\n- Paracetamol 1g QDS x 3 days\n- Book GP review in 2 weeks\n- Buy a blood pressure monitor',
    plan: [
      ['Take amoxicillin 500mg', 3, 7],
      ['Take paracetamol 1g', 4, 3],
    ],
    checklist: ['Book GP review in 2 weeks', 'Buy a blood pressure monitor'],
  },
  {
    note: 'Patient complains of cough for two weeks. Take amoxicillin 500mg three times a day for 5 days.',
    plan: [['Take amoxicillin 500mg', 3, 5]],
  },
  // No schedule, narrative, as-needed, conditional, stopped, sub-daily: nothing invented.
  { note: 'Rest and drink fluids.', plan: [] },
  { note: 'Follow up in clinic in 6 weeks.', plan: [] },
  { note: 'Blood pressure well controlled. No changes to medication.', plan: [] },
  { note: 'Temp 38.2, HR 96. Chest clear. Diagnosis: viral URTI.', plan: [] },
  { note: 'Patient reports headaches twice a day for 2 weeks.', plan: [] },
  { note: 'Symptoms worse at night.', plan: [] },
  { note: 'Was on metformin 500mg twice daily for 2 years.', plan: [] },
  { note: 'If fever, take paracetamol 1g every 6 hours.', plan: [] },
  { note: 'Take ibuprofen 400mg up to three times a day as needed.', plan: [] },
  { note: 'Take salbutamol 2 puffs when needed.', plan: [] },
  { note: 'Do not take ibuprofen more than three times a day.', plan: [] },
  { note: 'Stop amlodipine.', plan: [] },
  { note: 'Take warfarin as directed by the anticoagulation clinic.', plan: [] },
  { note: 'Take fluconazole 150mg once weekly for 6 weeks.', plan: [] },
  { note: 'Take the tablets every other day for 2 weeks.', plan: [] },
  { note: 'I will book an MRI.', plan: [] },
  // More phrasings.
  { note: 'Take one tablet a day for 10 days.', plan: [['Take one tablet', 1, 10]] },
  { note: 'Take 2 capsules per day for 5 days.', plan: [['Take 2 capsules', 1, 5]] },
  { note: 'Apply the cream 2× daily for 1 week.', plan: [['Apply the cream', 2, 7]] },
  { note: 'Take amlodipine 5mg QD for 30 days.', plan: [['Take amlodipine 5mg', 1, 30]] },
  { note: 'Take 1 tab every 24 hours for 5 days.', plan: [['Take 1 tab', 1, 5]] },
  { note: 'Take three tablets 2x per day for ten days.', plan: [['Take three tablets', 2, 10]] },
  {
    note: 'Take cefuroxime 250mg twice daily x 10 days and book a follow-up in two weeks.',
    plan: [['Take cefuroxime 250mg', 2, 10]],
    checklist: ['Book a follow-up in two weeks'],
  },
  {
    note: 'Take amoxicillin 500 mg every 8 hours for 1 week; buy paracetamol; schedule a review in 10 days.',
    plan: [['Take amoxicillin 500 mg', 3, 7]],
    checklist: ['Buy paracetamol', 'Schedule a review in 10 days'],
  },
  { note: 'Take apixaban 5mg BID.', plan: [['Take apixaban 5mg (duration not specified; 7-day default)', 2, 7]] },
  { note: 'Take sumatriptan 50mg at the onset of a migraine.', plan: [] },
  { note: 'Take clopidogrel 75mg OD for 12 months.', plan: [['Take clopidogrel 75mg', 1, 365]] },
  {
    note: 'Take Metformin 500mg BD. Take atorvastatin 20mg ON.',
    plan: [['Take Metformin 500mg (duration not specified; 7-day default)', 2, 7]],
  },
  {
    note: 'Take iron tablets twice a day for six weeks; get a blood test in 6 weeks.',
    plan: [['Take iron tablets', 2, 42]],
    checklist: ['Get a blood test in 6 weeks'],
  },
  {
    note: 'Take amoxicillin 500mg three times a day for 7 days.\nTake amoxicillin 500mg three times a day for 7 days.',
    plan: [['Take amoxicillin 500mg', 3, 7]],
  },
  // Split doses, clamps, rounding and who does the task.
  {
    note: 'Take 1 tablet in the morning and 2 tablets at night for two weeks.',
    plan: [['Take 1 tablet in the morning and 2 tablets at night', 2, 14]],
  },
  {
    note: 'Use 2 puffs in the morning and 2 puffs at bedtime.',
    plan: [['Use 2 puffs in the morning and 2 puffs at bedtime (duration not specified; 7-day default)', 2, 7]],
  },
  { note: 'Amoxicillin twice daily for a week.', plan: [['Take amoxicillin', 2, 7]] },
  { note: 'Take nifedipine 5mg every 5 hours for 2 days.', plan: [['Take nifedipine 5mg', 4, 2]] },
  { note: 'Take 2 tablets daily for 2 years.', plan: [['Take 2 tablets', 1, 365]] },
  {
    note: 'Take amoxicillin 500mg twice daily until finished.',
    plan: [['Take amoxicillin 500mg until finished (duration not specified; 7-day default)', 2, 7]],
  },
  { note: 'We will arrange an MRI. You should book a blood test.', plan: [], checklist: ['Book a blood test'] },
];

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
