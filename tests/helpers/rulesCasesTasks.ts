// The second half of the v2 rules extractor's table: PRN maxima, context (allergy, history,
// "no NSAIDs"), one-time tasks and repeated ones, courses in the next sentence, tapers and notes
// that give nothing. Exact output of extractByRules, checked by hand against each note.
import { timing } from '../../src/extraction/schema.js';
import type { Case } from './rulesCasesSchedules.js';

export const TASK_CASES: Case[] = [
  {
    note: 'Doxycycline 100mg bd for 2 years',
    unclear: [['Doxycycline 100mg bd for 2 years', 'duration longer than a year']],
  },
  {
    note: 'Omeprazole 20 mg od. For 4 weeks.',
    plan: [
      [
        'Take omeprazole 20 mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 28 }),
        'Omeprazole 20 mg od. For 4 weeks',
      ],
    ],
  },
  {
    note: 'Review in 4-6 weeks',
    checklist: [['Review in 4-6 weeks', 28, 'Review in 4-6 weeks']],
  },
  {
    note: 'Phone the surgery tomorrow for results',
    checklist: [['Phone the surgery tomorrow for results', 1, 'Phone the surgery tomorrow for results']],
  },
  {
    note: 'I will refer to ENT. We will arrange an MRI.',
  },
  {
    note: 'Seen today. BP 150/95. Recheck in 1 week.',
    checklist: [['Recheck in 1 week', 7, 'Recheck in 1 week']],
  },
  {
    note: 'Sumatriptan 50mg prn; max 2 doses in 24 hours',
    plan: [
      [
        'Take sumatriptan 50mg',
        timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: null }),
        'Sumatriptan 50mg prn; max 2 doses in 24 hours',
        true,
      ],
    ],
  },
  {
    note: 'Ibuprofen 200-400mg tds prn',
    plan: [
      [
        'Take ibuprofen 200-400mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: null }),
        'Ibuprofen 200-400mg tds prn',
        true,
      ],
    ],
  },
  {
    note: 'Mirtazapine 15mg nocte, increase to 30mg after 2 weeks if tolerated',
    unclear: [['Mirtazapine 15mg nocte, increase to 30mg after 2 weeks if tolerated', 'taper: no duration stated']],
  },
  {
    note: 'Enoxaparin 40mg sc od for 28 days post-op',
    plan: [
      [
        'Inject enoxaparin 40mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 28 }),
        'Enoxaparin 40mg sc od for 28 days post-op',
      ],
    ],
  },
  {
    note: 'Allergy: codeine. Paracetamol 1g qds prn.',
    plan: [
      [
        'Take paracetamol 1g',
        timing({ frequency: 4, period: 1, periodUnit: 'd', durationDays: null }),
        'Paracetamol 1g qds prn',
        true,
      ],
    ],
  },
  {
    note: 'No NSAIDs. Paracetamol 1g qds for 5 days.',
    plan: [
      [
        'Take paracetamol 1g',
        timing({ frequency: 4, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Paracetamol 1g qds for 5 days',
      ],
    ],
  },
  {
    note: 'Patient was on lisinopril. Now losartan 50mg od long term.',
    plan: [
      [
        'Take losartan 50mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: null }),
        'Now losartan 50mg od long term',
      ],
    ],
  },
  {
    note: 'Gliclazide 80mg bd with meals, continue; HbA1c in 3 months',
    plan: [
      [
        'Take gliclazide 80mg',
        timing({ frequency: 2, period: 1, periodUnit: 'd', when: ['with-meals'], durationDays: null }),
        'Gliclazide 80mg bd with meals, continue',
      ],
    ],
    checklist: [['HbA1c in 3 months', 90, 'HbA1c in 3 months']],
  },
  {
    note: 'Furosemide 40 mg every 48 hours, ongoing',
    plan: [
      [
        'Take furosemide 40 mg',
        timing({ frequency: 1, period: 48, periodUnit: 'h', durationDays: null }),
        'Furosemide 40 mg every 48 hours, ongoing',
      ],
    ],
  },
  {
    note: 'Tamsulosin 400 micrograms once daily, lifelong',
    plan: [
      [
        'Take tamsulosin 400 micrograms',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: null }),
        'Tamsulosin 400 micrograms once daily, lifelong',
      ],
    ],
  },
  {
    note: 'Oseltamivir 75mg bd x 5 days',
    plan: [
      [
        'Take oseltamivir 75mg',
        timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: 5 }),
        'Oseltamivir 75mg bd x 5 days',
      ],
    ],
  },
  {
    note: 'Loratadine 10mg od as required for hay fever',
    plan: [
      [
        'Take loratadine 10mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: null }),
        'Loratadine 10mg od as required for hay fever',
        true,
      ],
    ],
  },
  {
    note: 'Amoxicillin 500mg tds and metronidazole 400mg tds, both for 7 days',
    plan: [
      [
        'Take amoxicillin 500mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 7 }),
        'Amoxicillin 500mg tds',
      ],
      [
        'Take metronidazole 400mg',
        timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 7 }),
        'metronidazole 400mg tds, both for 7 days',
      ],
    ],
  },
  {
    note: 'Lasix 40mg om, continue',
    plan: [
      [
        'Take Lasix 40mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', when: ['morning'], durationDays: null }),
        'Lasix 40mg om, continue',
      ],
    ],
  },
  {
    note: 'Methotrexate 15mg every Monday at 9am, long term',
    plan: [
      [
        'Take methotrexate 15mg',
        timing({
          frequency: 1,
          period: 1,
          periodUnit: 'wk',
          dayOfWeek: ['mon'],
          timeOfDay: ['09:00'],
          durationDays: null,
        }),
        'Methotrexate 15mg every Monday at 9am, long term',
      ],
    ],
  },
  {
    note: 'Take doxycycline 100mg twice daily for 7 days starting tomorrow',
    plan: [
      [
        'Take doxycycline 100mg',
        timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: 7, startDay: 1 }),
        'Take doxycycline 100mg twice daily for 7 days starting tomorrow',
      ],
    ],
  },
  {
    note: 'Prednisolone 30mg od x 3/7 then 15mg od x 3/7',
    plan: [
      [
        'Take prednisolone 30mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 3 }),
        'Prednisolone 30mg od x 3/7',
      ],
      [
        'Take prednisolone 15mg',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 3, startDay: 3 }),
        '15mg od x 3/7',
      ],
    ],
  },
  {
    note: 'Check blood sugar twice daily',
    unclear: [['Check blood sugar twice daily', 'a repeated task is not a one-time step']],
  },
  {
    note: 'Amlodipine. Take 5mg once a day long term.',
    plan: [
      [
        'Take amlodipine',
        timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: null }),
        'Amlodipine. Take 5mg once a day long term',
      ],
    ],
  },
  {
    note: 'Plan: Stop amlodipine, start lercanidipine? Discuss next visit.',
  },
  {
    note: 'Lercanidipine 10mg od long term',
    unclear: [['Lercanidipine 10mg od long term', 'a dose of a drug the rules do not know']],
  },
  {
    note: 'Creon 25,000 units with each meal, long term',
    unclear: [['Creon 25,000 units with each meal, long term', 'a dose of a drug the rules do not know']],
  },
  {
    note: 'CBC/LFTs q3 months. Methotrexate 15mg q1wk, long term. A1c in 3 months.',
    plan: [
      [
        'Take methotrexate 15mg',
        timing({ frequency: 1, period: 1, periodUnit: 'wk', durationDays: null }),
        'Methotrexate 15mg q1wk, long term',
      ],
    ],
    checklist: [['A1c in 3 months', 90, 'A1c in 3 months']],
    unclear: [['CBC/LFTs q3 months', 'a repeated task is not a one-time step']],
  },
];
