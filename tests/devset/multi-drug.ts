// Several drugs in one sentence or list: one item each, a shared schedule read for each.
import { type DevCase, daily, everyHours } from './types.js';

export const MULTI_DRUG: DevCase[] = [
  {
    note: 'Amlodipine 5 mg and atorvastatin 20 mg, both once daily, long term.',
    plan: [
      { drug: 'amlodipine', timing: daily(1, null) },
      { drug: 'atorvastatin', timing: daily(1, null) },
    ],
  },
  {
    note: 'Take amoxicillin 500mg three times a day for 7 days and ibuprofen 400mg three times a day for 5 days.',
    plan: [
      { drug: 'amoxicillin', timing: daily(3, 7) },
      { drug: 'ibuprofen', timing: daily(3, 5) },
    ],
  },
  {
    note: 'H. pylori eradication: omeprazole 20mg bd, amoxicillin 1g bd and clarithromycin 500mg bd, all for 7 days.',
    plan: [
      { drug: 'omeprazole', timing: daily(2, 7) },
      { drug: 'amoxicillin', timing: daily(2, 7) },
      { drug: 'clarithromycin', timing: daily(2, 7) },
    ],
  },
  {
    note: 'Meds:\n1. Bisoprolol 2.5mg od\n2. Ramipril 2.5mg od\n3. Atorvastatin 80mg on\nAll long term.',
    plan: [
      { drug: 'bisoprolol', timing: daily(1, null) },
      { drug: 'ramipril', timing: daily(1, null) },
      { drug: 'atorvastatin', timing: daily(1, null, { when: ['bedtime'] }) },
    ],
  },
  {
    note: 'Paracetamol 1g and codeine 30mg qds for 3 days',
    plan: [
      { drug: 'paracetamol', timing: daily(4, 3) },
      { drug: 'codeine', timing: daily(4, 3) },
    ],
  },
  {
    note: 'CURB-65 1. Start co-amoxiclav 625mg tds x 7/7 + clarithromycin 500mg bd x 7/7 for CAP.',
    plan: [
      { drug: 'co-amoxiclav', timing: daily(3, 7) },
      { drug: 'clarithromycin', timing: daily(2, 7) },
    ],
  },
  {
    note: 'Post-MI: aspirin 75mg od, clopidogrel 75mg od for 12 months, bisoprolol 1.25mg od, ramipril 1.25mg od and atorvastatin 80mg od, long term.',
    plan: [
      { drug: 'aspirin', timing: daily(1, null) },
      { drug: 'clopidogrel', timing: daily(1, 365) }, // 12 months are a year
      { drug: 'bisoprolol', timing: daily(1, null) },
      { drug: 'ramipril', timing: daily(1, null) },
      { drug: 'atorvastatin', timing: daily(1, null) },
    ],
  },
  {
    note: 'Fostair 100/6 2 puffs bd and salbutamol 2 puffs prn, both ongoing',
    plan: [
      { drug: 'fostair', timing: daily(2, null) },
      { drug: 'salbutamol', asNeeded: true, timing: null },
    ],
  },
  {
    note: 'Senna 15mg nocte and lactulose 10ml bd while on codeine, for 1 week',
    plan: [
      { drug: 'senna', timing: daily(1, 7, { when: ['bedtime'] }) },
      { drug: 'lactulose', timing: daily(2, 7) },
    ],
    unclear: ['codeine'],
  },
  {
    note: 'Metformin 500mg bd and gliclazide 40mg od with breakfast - continue both.',
    plan: [
      { drug: 'metformin', timing: daily(2, null) },
      { drug: 'gliclazide', timing: daily(1, null, { when: ['morning'] }) },
    ],
  },
  {
    note: 'Trimethoprim 200mg bd for 3 days; paracetamol 1g qds prn.',
    plan: [
      { drug: 'trimethoprim', timing: daily(2, 3) },
      { drug: 'paracetamol', asNeeded: true, timing: daily(4, null) },
    ],
  },
  {
    note: 'Furosemide 40mg om & spironolactone 25mg om, long-term. U&E in 1/52.',
    plan: [
      { drug: 'furosemide', timing: daily(1, null, { when: ['morning'] }) },
      { drug: 'spironolactone', timing: daily(1, null, { when: ['morning'] }) },
    ],
    checklist: [{ match: 'u&e', dueInDays: 7 }],
  },
  {
    note: 'Ciprofloxacin 500 mg q12h and metronidazole 500 mg q8h, both for 10 days (diverticulitis)',
    plan: [
      { drug: 'ciprofloxacin', timing: everyHours(12, 10) },
      { drug: 'metronidazole', timing: everyHours(8, 10) },
    ],
  },
];
