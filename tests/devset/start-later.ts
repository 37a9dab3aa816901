// Courses that do not start today: "starting tomorrow" is day 1; a weekday or a date cannot be
// read without knowing what day the note was written, so it goes to `unclear`.
import { type DevCase, daily, weekly } from './types.js';

export const START_LATER: DevCase[] = [
  {
    note: 'Start amlodipine 5mg od tomorrow morning, long term.',
    plan: [{ drug: 'amlodipine', timing: daily(1, null, { when: ['morning'], startDay: 1 }) }],
  },
  {
    note: 'Levothyroxine 50 micrograms once daily starting tomorrow, ongoing',
    plan: [{ drug: 'levothyroxine', timing: daily(1, null, { startDay: 1 }) }],
  },
  {
    note: 'Finish the current antibiotics. From tomorrow take nitrofurantoin 50mg at night for 3 months.',
    plan: [{ drug: 'nitrofurantoin', timing: daily(1, 90, { when: ['bedtime'], startDay: 1 }) }],
  },
  {
    note: 'Start ramipril 2.5 mg od from Monday, long term',
    plan: [],
    unclear: ['ramipril'],
  },
  {
    note: 'Begin folic acid 400 micrograms daily from 1st March until 12 weeks of pregnancy',
    plan: [],
    unclear: ['folic acid'],
  },
  {
    note: 'Atorvastatin 20mg at night, start in 2 weeks once LFTs back, long term',
    plan: [],
    unclear: ['atorvastatin'],
  },
  {
    note: 'Start omeprazole 20mg od after finishing the course of ibuprofen, for 4 weeks',
    plan: [],
    unclear: ['omeprazole'],
  },
  {
    note: 'Metformin 500mg with breakfast starting tomorrow, continue',
    plan: [{ drug: 'metformin', timing: daily(1, null, { when: ['morning'], startDay: 1 }) }],
  },
  {
    note: 'Tomorrow: start doxycycline 100mg bd for 7 days',
    plan: [{ drug: 'doxycycline', timing: daily(2, 7, { startDay: 1 }) }],
  },
  {
    note: 'Take the first dose of methotrexate 10mg next Friday, then every Friday, long term',
    plan: [],
    unclear: ['methotrexate'],
  },
  {
    note: 'Colecalciferol 800 units daily, starting the day after tomorrow, for 3 months',
    plan: [{ drug: 'colecalciferol', timing: daily(1, 90, { startDay: 2 }) }],
  },
  {
    note: 'Tamsulosin 400mcg od starting next week, ongoing',
    plan: [],
    unclear: ['tamsulosin'],
  },
  {
    note: 'Hold off today. Start clopidogrel 75mg od tomorrow, continue for 12 months.',
    plan: [{ drug: 'clopidogrel', timing: daily(1, 365, { startDay: 1 }) }], // 12 months are a year
  },
  {
    note: 'Alendronic acid 70 mg once weekly, first dose tomorrow, long term',
    plan: [{ drug: 'alendronic acid', timing: weekly(1, null, { startDay: 1 }) }],
  },
];
