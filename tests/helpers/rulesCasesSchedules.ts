// The first half of the rules extractor's table of notes: how often and for how long, in every
// phrasing a note uses. Split from the tasks half only to keep each file short; the table tests
// and the property tests run over both halves in this order.

/** [text, frequencyPerDay, durationDays] */
export type Step = [string, number, number];
export interface Case {
  note: string;
  plan: Step[];
  checklist?: string[];
}

// Realistic notes with the exact steps a careful reader would take from them.
export const SCHEDULE_CASES: Case[] = [
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
];
