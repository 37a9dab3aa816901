// Stopped, held, historical and allergy-context drugs: never scheduled.
import { type DevCase, daily } from './types.js';

export const STOPPED_HISTORY: DevCase[] = [
  {
    note: 'Stop ibuprofen. Start naproxen 500mg bd with food for 5 days.',
    plan: [{ drug: 'naproxen', timing: daily(2, 5, { when: ['with-meals'] }) }],
    never: ['ibuprofen'],
  },
  {
    note: 'Rash with penicillin last year. Clarithromycin 500mg bd x 7 days.',
    plan: [{ drug: 'clarithromycin', timing: daily(2, 7) }],
    never: ['penicillin'],
  },
  {
    note: 'Allergies: penicillin (anaphylaxis), codeine (vomiting).\nPlan: doxycycline 200mg day 1 then 100mg od for 4 days',
    plan: [
      { drug: 'doxycycline 200', timing: daily(1, 1) },
      { drug: 'doxycycline 100', timing: daily(1, 4, { startDay: 1 }) },
    ],
    never: ['penicillin', 'codeine'],
  },
  {
    note: 'Ramipril stopped due to cough. Start losartan 25mg od, long term.',
    plan: [{ drug: 'losartan', timing: daily(1, null) }],
    never: ['ramipril'],
  },
  {
    note: 'AKI stage 1 - hold metformin and ramipril. Recheck U&Es in 48 hours.',
    plan: [],
    checklist: [{ match: 'u&es', dueInDays: 2 }],
    never: ['metformin', 'ramipril'],
  },
  {
    note: 'Previously on sertraline 100mg od, stopped 2021. Now start citalopram 10mg od, continue.',
    plan: [{ drug: 'citalopram', timing: daily(1, null) }],
    never: ['sertraline'],
  },
  {
    note: 'Was on warfarin for DVT in 2019. Not anticoagulated now. No new meds.',
    plan: [],
    never: ['warfarin'],
  },
  {
    note: 'Do not take ibuprofen or naproxen while on apixaban. Continue apixaban 5mg bd.',
    plan: [{ drug: 'apixaban', timing: daily(2, null) }],
    never: ['ibuprofen', 'naproxen'],
  },
  {
    note: 'Allergic to amoxicillin (hives). Use clarithromycin 250mg bd for 5 days.',
    plan: [{ drug: 'clarithromycin', timing: daily(2, 5) }],
    never: ['amoxicillin'],
  },
  {
    note: 'Simvastatin - muscle aches, stopped. Trial of rosuvastatin 5mg od, long term.',
    plan: [{ drug: 'rosuvastatin', timing: daily(1, null) }],
    never: ['simvastatin'],
  },
  {
    note: 'Withhold methotrexate while on antibiotics. Trimethoprim NOT to be used. Nitrofurantoin 100mg MR bd x 5/7.',
    plan: [{ drug: 'nitrofurantoin', timing: daily(2, 5) }],
    never: ['methotrexate', 'trimethoprim'],
  },
  {
    note: 'Tried amitriptyline and pregabalin in the past, no benefit. Duloxetine 30mg od for 2 weeks then review.',
    plan: [{ drug: 'duloxetine', timing: daily(1, 14) }],
    never: ['amitriptyline', 'pregabalin'],
  },
  {
    note: 'DH: amlodipine 10mg od, atorvastatin 40mg on, aspirin 75mg od.\nNo changes today.',
    plan: [],
    never: ['amlodipine', 'atorvastatin', 'aspirin'],
  },
  {
    note: 'Switch from omeprazole to lansoprazole 15mg od long term (interaction with clopidogrel).',
    plan: [{ drug: 'lansoprazole', timing: daily(1, null) }],
    never: ['omeprazole'],
    unclear: ['clopidogrel'],
  },
];
