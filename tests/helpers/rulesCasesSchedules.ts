// The first half of the v2 rules extractor's table of notes: schedules — counts, clock times,
// moments, verbs by dosage form, weekly drugs, ranges and conflicts that must go to `unclear`.
// Each row is the exact output of extractByRules (before the safety check), checked by hand
// against the note. Split from the second half only to keep each file short.
import { type Timing, timing } from '../../src/extraction/schema.js';

/** [text, timing, source, asNeeded?] */
export type PlanRow = [string, Timing | null, string, boolean?];
/** [text, dueInDays, source] */
export type TaskRow = [string, number | null, string];
/** [source, reason] */
export type UnclearRow = [string, string];
export interface Case {
  note: string;
  plan?: PlanRow[];
  checklist?: TaskRow[];
  unclear?: UnclearRow[];
}

export const SCHEDULE_CASES: Case[] = [
  {
    note: 'Take amoxicillin 500mg twice daily for 7 days and ibuprofen 400mg three times a day for 5 days.',
    plan: [
      [
        'Take amoxicillin 500mg',
        timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: 7 }),
        'Take amoxicillin 500mg twice daily for 7 days',
      ],
      [
        'Take ibuprofen 400mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
        'ibuprofen 400mg three times a day for 5 days',
      ],
    ],
  },
  {
    note: 'Apply hydrocortisone 1% cream to the rash bd for 7 days',
    plan: [
      [
        'Apply hydrocortisone 1% cream',
        timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: 7 }),
        'Apply hydrocortisone 1% cream to the rash bd for 7 days',
      ],
    ],
  },
  {
    note: 'Clotrimazole cream bd x 2/52',
    plan: [
      [
        'Apply clotrimazole cream',
        timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: 14 }),
        'Clotrimazole cream bd x 2/52',
      ],
    ],
  },
  {
    note: 'Chloramphenicol eye drops qds for 5 days',
    plan: [
      [
        'Use chloramphenicol eye drops',
        timing({ frequency: 4, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Chloramphenicol eye drops qds for 5 days',
      ],
    ],
  },
  {
    note: 'Beclometasone inhaler 2 puffs bd, long term',
    plan: [
      [
        'Use beclometasone inhaler 2 puffs',
        timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: null }),
        'Beclometasone inhaler 2 puffs bd, long term',
      ],
    ],
  },
  {
    note: 'Insulin glargine 14 units at 10pm, ongoing',
    plan: [
      [
        'Inject insulin glargine 14 units',
        timing({ frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['22:00'], durationDays: null }),
        'Insulin glargine 14 units at 10pm, ongoing',
      ],
    ],
  },
  {
    note: 'Levothyroxine 100 mcg at 7am daily, long term',
    plan: [
      [
        'Take levothyroxine 100 mcg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', timeOfDay: ['07:00'], durationDays: null }),
        'Levothyroxine 100 mcg at 7am daily, long term',
      ],
    ],
  },
  {
    note: 'Metformin 500mg at 8am and 6pm with food, continue',
    plan: [
      [
        'Take metformin 500mg',
        timing({
          frequency: 2,
          period: 1,
          periodUnit: 'd',
          timeOfDay: ['08:00', '18:00'],
          when: ['with-meals'],
          durationDays: null,
        }),
        'Metformin 500mg at 8am and 6pm with food, continue',
      ],
    ],
  },
  {
    note: 'Paracetamol 1g tds at 8am only for 3 days',
    unclear: [['Paracetamol 1g tds at 8am only for 3 days', 'times of day do not match the frequency']],
  },
  {
    note: 'Augmentin (co-amoxiclav) 625mg tds for 5 days',
    plan: [
      [
        'Take Augmentin (co-amoxiclav) 625mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Augmentin (co-amoxiclav) 625mg tds for 5 days',
      ],
    ],
  },
  {
    note: 'Colecalciferol 20,000 units weekly for 6 weeks',
    plan: [
      [
        'Take colecalciferol 20,000 units',
        timing({ frequency: 1, period: 1, periodUnit: 'wk', durationDays: 42 }),
        'Colecalciferol 20,000 units weekly for 6 weeks',
      ],
    ],
  },
  {
    note: 'Methotrexate 10mg daily for 4 weeks',
    unclear: [
      [
        'Methotrexate 10mg daily for 4 weeks',
        'methotrexate at a daily or more frequent schedule: the doctor must confirm',
      ],
    ],
  },
  {
    note: 'Amoxicillin 500mg tds for 5-7 days',
    unclear: [['Amoxicillin 500mg tds for 5-7 days', 'duration given as a range']],
  },
  {
    note: 'Emollient 2-3 times a day, long term',
    unclear: [['Emollient 2-3 times a day, long term', 'frequency given as a range']],
  },
  {
    note: 'Prednisolone 40mg od for 5 days then reduce',
    unclear: [['Prednisolone 40mg od for 5 days then reduce', 'taper: a dose change with no dose or schedule']],
  },
  {
    note: 'Start ramipril 2.5mg od from next week, long term',
    unclear: [['Start ramipril 2.5mg od from next week, long term', 'start day not readable ("from next week")']],
  },
  {
    note: 'Take fosfomycin 3g stat',
    plan: [
      [
        'Take fosfomycin 3g',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 1 }),
        'Take fosfomycin 3g stat',
      ],
    ],
  },
  {
    note: 'Pick up the amoxicillin from the pharmacy today',
    checklist: [
      ['Pick up the amoxicillin from the pharmacy today', 0, 'Pick up the amoxicillin from the pharmacy today'],
    ],
  },
  {
    note: 'FBC every 3 months while on azathioprine',
    unclear: [['FBC every 3 months while on azathioprine', 'a repeated task is not a one-time step']],
  },
  {
    note: 'Amoxicillin 500 mg capsules. Take one three times a day for 7 days.',
    plan: [
      [
        'Take amoxicillin 500 mg capsules',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 7 }),
        'Amoxicillin 500 mg capsules. Take one three times a day for 7 days',
      ],
    ],
  },
  {
    note: 'Rivaroxaban 20mg od with the evening meal for 3 months',
    plan: [
      [
        'Take rivaroxaban 20mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['evening'], durationDays: 90 }),
        'Rivaroxaban 20mg od with the evening meal for 3 months',
      ],
    ],
  },
  {
    note: 'Take 2 puffs of salbutamol every 4 hours as needed',
    plan: [
      [
        'Take 2 puffs of salbutamol',
        timing({ frequency: 1, period: 4, periodUnit: 'h', durationDays: null }),
        'Take 2 puffs of salbutamol every 4 hours as needed',
        true,
      ],
    ],
  },
  {
    note: 'Warfarin 5 mg. Dose as per INR.',
    unclear: [['Warfarin 5 mg', 'no frequency stated']],
  },
  {
    note: 'Nystatin 1ml qds after food for 7 days',
    plan: [
      [
        'Take nystatin 1ml',
        timing({ frequency: 4, period: 1, periodUnit: 'd', when: ['after-meals'], durationDays: 7 }),
        'Nystatin 1ml qds after food for 7 days',
      ],
    ],
  },
  {
    note: 'Aciclovir cream five times a day for 5 days',
    plan: [
      [
        'Apply aciclovir cream',
        timing({ frequency: 5, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Aciclovir cream five times a day for 5 days',
      ],
    ],
  },
  // The count before "every 2 days" is read, never dropped (the safety check then holds 1.5 a
  // day for the doctor: the clock cannot keep it).
  {
    note: 'Metformin 500 mg 3 times every 2 days for 10 days',
    plan: [
      [
        'Take metformin 500 mg',
        timing({ frequency: 3, period: 2, periodUnit: 'd', durationDays: 10 }),
        'Metformin 500 mg 3 times every 2 days for 10 days',
      ],
    ],
  },
  // A form of medicine with a schedule is an instruction even with no dose written.
  {
    note: 'Ofloxacin drops 12 times a day for 3 days. Gentamicin ear drops 2 hourly for 2 days.',
    unclear: [
      ['Ofloxacin drops 12 times a day for 3 days', 'a dose of a drug the rules do not know'],
      ['Gentamicin ear drops 2 hourly for 2 days', 'a dose of a drug the rules do not know'],
    ],
  },
  // "12 hrly" is every 12 hours, and the interval words stay out of the item's text.
  {
    note: 'Ciprofloxacin 500mg 12 hrly 3/7. Amoxicillin 500 mg 8 hourly for 5 days.',
    plan: [
      [
        'Take ciprofloxacin 500mg',
        timing({ frequency: 1, period: 12, periodUnit: 'h', durationDays: 3 }),
        'Ciprofloxacin 500mg 12 hrly 3/7',
      ],
      [
        'Take amoxicillin 500 mg',
        timing({ frequency: 1, period: 8, periodUnit: 'h', durationDays: 5 }),
        'Amoxicillin 500 mg 8 hourly for 5 days',
      ],
    ],
  },
  // An exception or a second dose on the other days: read without it, the drug would be reminded
  // on the excepted days or the other dose lost.
  {
    note: 'Prednisolone 5mg daily except Sundays for 4 weeks. Bisoprolol 2.5mg od apart from weekends for 2 weeks.',
    unclear: [
      [
        'Prednisolone 5mg daily except Sundays for 4 weeks',
        'an exception to the schedule ("except sundays"): name the days instead',
      ],
      [
        'Bisoprolol 2.5mg od apart from weekends for 2 weeks',
        'an exception to the schedule ("apart from weekends"): name the days instead',
      ],
    ],
  },
  {
    note: 'Warfarin 5mg on Mon/Wed/Fri and 3mg other days, ongoing',
    unclear: [
      [
        'Warfarin 5mg on Mon/Wed/Fri and 3mg other days, ongoing',
        'an exception to the schedule ("other days"): name the days instead',
      ],
    ],
  },
  // Two Latin counts for one drug are a range: never the larger one scheduled.
  {
    note: 'Oxybutynin 5mg BD-TDS ongoing. Ibuprofen 400mg bd or tds for 5 days.',
    unclear: [
      ['Oxybutynin 5mg BD-TDS ongoing', 'frequency given as a range'],
      ['Ibuprofen 400mg bd or tds for 5 days', 'frequency given as a range'],
    ],
  },
  // Tablets with a schedule are an instruction even when the lexicon does not know the drug.
  {
    note: 'Take iron tablets daily for three months.',
    unclear: [['Take iron tablets daily for three months', 'a dose of a drug the rules do not know']],
  },
  // 12 months are a year, as "for 1 year" is: a course does not end 5 days early.
  {
    note: 'Clopidogrel 75mg od for 12 months',
    plan: [
      [
        'Take clopidogrel 75mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 365 }),
        'Clopidogrel 75mg od for 12 months',
      ],
    ],
  },
  // Two doses for one drug at two times: read as one item, one dose would be given at both.
  {
    note: 'Furosemide 80mg mane and 40mg midday, ongoing. Amoxicillin 500mg tds (1.5g a day) for 5 days.',
    plan: [
      [
        'Take amoxicillin 500mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Amoxicillin 500mg tds (1.5g a day) for 5 days',
      ],
    ],
    unclear: [
      [
        'Furosemide 80mg mane and 40mg midday, ongoing',
        'two different doses for one drug ("80mg … 40mg"): one item per dose',
      ],
    ],
  },
  // Dose and schedule before the name ("… of amlodipine") would garble the item's text.
  {
    note: 'Take 1 tablet at 8 and 20 daily ongoing of amlodipine 5mg. Clomifene 50mg on days 2-6 of the cycle.',
    unclear: [
      [
        'Take 1 tablet at 8 and 20 daily ongoing of amlodipine 5mg',
        'the dose and schedule are written before the drug is named',
      ],
      ['Clomifene 50mg on days 2-6 of the cycle', 'a dose of a drug the rules do not know'],
    ],
  },
  // Clinicians' shorthand for common antibiotics; a bare dose before a Latin count is a dose.
  {
    note: 'Fluclox 500 qds 7/7. Zyloric 100 od 28/7.',
    plan: [
      [
        'Take Fluclox 500',
        timing({ frequency: 4, period: 1, periodUnit: 'd', durationDays: 7 }),
        'Fluclox 500 qds 7/7',
      ],
    ],
    unclear: [['Zyloric 100 od 28/7', 'a dose of a drug the rules do not know']],
  },
  // A drug to start only on a condition would start today beside the first.
  {
    note: 'Amoxicillin 500mg tds 5/7 — if no better after 3 days, start doxycycline 100mg od 7/7',
    plan: [
      [
        'Take amoxicillin 500mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Amoxicillin 500mg tds 5/7 — if no better after 3 days, start',
      ],
    ],
    unclear: [
      [
        'if no better after 3 days, start doxycycline 100mg od 7/7',
        'a conditional start ("if no better after 3 days"): the doctor says whether and when it starts',
      ],
    ],
  },
  // A count after the words the text keeps would be lost ("Take prednisolone 5mg tablets": one
  // where eight are meant); the next drug's "2 puffs" gives this one neither a count nor a verb.
  {
    note: 'Prednisolone 5mg tablets - 8 tablets (40mg) od for 5 days. Amoxicillin 500mg tds 5/7 and 2 puffs of salbutamol prn.',
    plan: [
      [
        'Take amoxicillin 500mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Amoxicillin 500mg tds 5/7 and 2 puffs of',
      ],
      ['Use 2 puffs of salbutamol', null, '2 puffs of salbutamol prn', true],
    ],
    unclear: [
      ['Prednisolone 5mg tablets - 8 tablets (40mg) od for 5 days', 'a dose apart from the drug\'s name ("8 tablets")'],
    ],
  },
  // An alternative ("if allergic to penicillin, use … instead", "alternatively") is not a second drug.
  {
    note: 'Amoxicillin 500mg tds 5/7. If allergic to penicillin, use clarithromycin 500mg bd 5/7 instead. Alternatively doxycycline 100mg od 5/7.',
    plan: [
      [
        'Take amoxicillin 500mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Amoxicillin 500mg tds 5/7',
      ],
    ],
    unclear: [
      [
        'If allergic to penicillin, use clarithromycin 500mg bd 5/7 instead',
        'a conditional start ("if allergic to penicillin"): the doctor says whether and when it starts',
      ],
      [
        'Alternatively doxycycline 100mg od 5/7',
        'a conditional start ("alternatively"): the doctor says whether and when it starts',
      ],
    ],
  },
  // A drug with its own schedule in an allergy's clause is the alternative: asked, not dropped.
  {
    note: 'If allergic to penicillin, clarithromycin 500mg bd 5/7. Allergic to codeine, tramadol 50mg qds 5/7.',
    unclear: [
      [
        'If allergic to penicillin, clarithromycin 500mg bd 5/7',
        'a conditional start ("if allergic to penicillin"): the doctor says whether and when it starts',
      ],
      [
        'Allergic to codeine, tramadol 50mg qds 5/7',
        'a schedule for a drug named beside an allergy: which drug is meant?',
      ],
    ],
  },
  // Injected drugs read "Inject"; a dose by weight is one the patient cannot work out.
  {
    note: 'Dalteparin 5000 units od for 6 weeks. Enoxaparin 1.5mg/kg od for 5 days.',
    plan: [
      [
        'Inject dalteparin 5000 units',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 42 }),
        'Dalteparin 5000 units od for 6 weeks',
      ],
    ],
    unclear: [['Enoxaparin 1.5mg/kg od for 5 days', 'a dose by weight ("1.5mg/kg"): give the amount']],
  },
  // A titration gives the dose after "to"; a dose written after the schedule is not lost.
  {
    note: 'Increase sertraline to 100mg od ongoing. Amlodipine increased to 10mg od ongoing. Reduce bisoprolol from 5mg to 2.5mg od ongoing. Amoxicillin tds 5/7 500mg.',
    plan: [
      [
        'Take sertraline 100mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd' }),
        'Increase sertraline to 100mg od ongoing',
      ],
      [
        'Take amlodipine 10mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd' }),
        'Amlodipine increased to 10mg od ongoing',
      ],
      [
        'Take bisoprolol 2.5mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd' }),
        'Reduce bisoprolol from 5mg to 2.5mg od ongoing',
      ],
    ],
    unclear: [['Amoxicillin tds 5/7 500mg', 'a dose the item\'s text would leave out ("500mg")']],
  },
  // A range is not a titration: "500mg to 1g" right after the drug is two doses. "Not on an
  // empty stomach" is with food: neither past medication nor before meals.
  {
    note: 'Paracetamol 500mg to 1g qds prn. Ibuprofen 400mg tds for 5 days, not on an empty stomach.',
    plan: [
      [
        'Take ibuprofen 400mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5, when: ['with-meals'] }),
        'Ibuprofen 400mg tds for 5 days, not on an empty stomach',
      ],
    ],
    unclear: [
      ['Paracetamol 500mg to 1g qds prn', 'two different doses for one drug ("500mg … 1g"): one item per dose'],
    ],
  },
  // The verb leads the text once; "alt days" is every other day, not a missing frequency.
  {
    note: 'Clobetasol cream apply thinly BD to affected area for 2/52. Prednisolone 5mg alt days ongoing.',
    plan: [
      [
        'Apply clobetasol cream thinly',
        timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: 14 }),
        'Clobetasol cream apply thinly BD to affected area for 2/52',
      ],
      [
        'Take prednisolone 5mg',
        timing({ frequency: 1, period: 2, periodUnit: 'd' }),
        'Prednisolone 5mg alt days ongoing',
      ],
    ],
  },
  // Eye drops: the eye in words; "OD" alone may be the right eye or once a day.
  {
    note: 'Timolol 0.5% 1 drop bd OS ongoing. Chloramphenicol 0.5% eye drops 1 drop OD qds for 5 days. Latanoprost eye drops 1 drop OD ongoing.',
    plan: [
      [
        'Use timolol 0.5% 1 drop in the left eye',
        timing({ frequency: 2, period: 1, periodUnit: 'd' }),
        'Timolol 0.5% 1 drop bd OS ongoing',
      ],
      [
        'Use chloramphenicol 0.5% eye drops 1 drop in the right eye',
        timing({ frequency: 4, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Chloramphenicol 0.5% eye drops 1 drop OD qds for 5 days',
      ],
    ],
    unclear: [
      [
        'Latanoprost eye drops 1 drop OD ongoing',
        '"OD" for eye drops may mean the right eye or once a day: write the eye and the frequency in words',
      ],
    ],
  },
  // A drug given into a vein is not the patient's to take.
  {
    note: 'Ceftriaxone 2g IV od for 5 days. Amoxicillin 500mg tds 5/7.',
    plan: [
      [
        'Take amoxicillin 500mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Amoxicillin 500mg tds 5/7',
      ],
    ],
    unclear: [
      [
        'Ceftriaxone 2g IV od for 5 days',
        'given intravenously ("iv"): not a dose the patient takes; give the oral or home part as its own item',
      ],
    ],
  },
  // Terse durations: "5d", "2wks", "1 week"; "1 week before surgery" is a date, not a course.
  {
    note: 'Prednisolone 30mg od 5d. Omeprazole 20mg od 2wks. Amoxicillin 500mg tds 1 week. Stop aspirin 1 week before surgery.',
    plan: [
      [
        'Take prednisolone 30mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Prednisolone 30mg od 5d',
      ],
      [
        'Take omeprazole 20mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 14 }),
        'Omeprazole 20mg od 2wks',
      ],
      [
        'Take amoxicillin 500mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 7 }),
        'Amoxicillin 500mg tds 1 week',
      ],
    ],
  },
  // "4-6 weeks to work" is not a course; "5 more days" is; a bare range and "lifelong for 2
  // weeks" go to the doctor (the first was a 42-day course, the second ongoing, the third 7 days).
  {
    note: 'Sertraline 50mg od, may take 4-6 weeks to work, continue. Continue amoxicillin 500mg tds for 5 more days. Doxycycline 100mg od 5-7 days. Aspirin 75mg od lifelong for 2 weeks.',
    plan: [
      [
        'Take sertraline 50mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd' }),
        'Sertraline 50mg od, may take 4-6 weeks to work, continue',
      ],
      [
        'Take amoxicillin 500mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Continue amoxicillin 500mg tds for 5 more days',
      ],
    ],
    unclear: [
      ['Doxycycline 100mg od 5-7 days', 'duration given as a range'],
      ['Aspirin 75mg od lifelong for 2 weeks', 'both ongoing and a course length: which is meant?'],
    ],
  },
  // "max 8 in 24h" beside qds is a cap of tablets, not 8 doses a day (it read 8 a day); a stat
  // dose beside a course is asked about (it was one day of a 5-day course).
  {
    note: 'Paracetamol 500mg 1-2 tabs qds prn max 8 in 24h. Prednisolone 30mg od 5/7 STAT dose now.',
    plan: [
      [
        'Take paracetamol 500mg 1-2 tabs',
        timing({ frequency: 4, period: 1, periodUnit: 'd' }),
        'Paracetamol 500mg 1-2 tabs qds prn max 8 in 24h',
        true,
      ],
    ],
    unclear: [['Prednisolone 30mg od 5/7 STAT dose now', 'a single dose and a course length: which is meant?']],
  },
  // "Thyroxine" is levothyroxine; a negated moment ("not at night") names no moment.
  {
    note: 'Thyroxine 100mcg od ongoing. Furosemide 40mg om, not at night, ongoing.',
    plan: [
      ['Take Thyroxine 100mcg', timing({ frequency: 1, period: 1, periodUnit: 'd' }), 'Thyroxine 100mcg od ongoing'],
      [
        'Take furosemide 40mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['morning'] }),
        'Furosemide 40mg om, not at night, ongoing',
      ],
    ],
  },
];
