// How long: "x 7d", "for 3/7", "2/52", "1/12", "a fortnight", "for ten days", "course of".
import { type DevCase, daily, everyHours } from './types.js';

export const DURATIONS: DevCase[] = [
  {
    note: 'Take amoxicillin 500mg three times a day for ten days.',
    plan: [{ drug: 'amoxicillin', timing: daily(3, 10) }],
  },
  {
    note: 'Tonsillitis, centor 4. Phenoxymethylpenicillin 500mg qds x 10/7',
    plan: [{ drug: 'phenoxymethylpenicillin', timing: daily(4, 10) }],
  },
  { note: 'co-amoxiclav 625mg tds for a fortnight', plan: [{ drug: 'co-amoxiclav', timing: daily(3, 14) }] },
  { note: 'Trimethoprim 200 mg BD for 3/7', plan: [{ drug: 'trimethoprim', timing: daily(2, 3) }] },
  { note: 'Doxycycline 100mg od for 1/12 then reassess', plan: [{ drug: 'doxycycline', timing: daily(1, 30) }] },
  { note: 'Fluconazole 150 mg as a single dose.', plan: [{ drug: 'fluconazole', timing: daily(1, 1) }] },
  { note: 'Azithromycin 500mg once daily for 3 days', plan: [{ drug: 'azithromycin', timing: daily(1, 3) }] },
  {
    note: 'Acute exacerbation of asthma. Prednisolone 40mg once a day for five days.',
    plan: [{ drug: 'prednisolone', timing: daily(1, 5) }],
  },
  {
    note: 'Cellulitis L leg - flucloxacillin 1g QDS, course of 14 days',
    plan: [{ drug: 'flucloxacillin', timing: daily(4, 14) }],
  },
  { note: 'Terbinafine 250mg daily for 6 weeks (toenail)', plan: [{ drug: 'terbinafine', timing: daily(1, 42) }] },
  {
    note: 'Ibuprofen 400mg tds with food for 48 hours',
    plan: [{ drug: 'ibuprofen', timing: daily(3, 2, { when: ['with-meals'] }) }],
  },
  { note: 'Omeprazole 40 mg od for 2 months', plan: [{ drug: 'omeprazole', timing: daily(1, 60) }] },
  { note: 'metronidazole 400 mg bd x 5 days for BV', plan: [{ drug: 'metronidazole', timing: daily(2, 5) }] },
  {
    note: 'Clarithromycin 250mg BD.\nCourse: 7 days.',
    plan: [{ drug: 'clarithromycin', timing: daily(2, 7) }],
  },
  {
    note: 'Aciclovir 800mg five times a day for 7 days (shingles)',
    plan: [{ drug: 'aciclovir', timing: daily(5, 7) }],
  },
  { note: 'Levofloxacin 500mg every 24 hours for 7 days', plan: [{ drug: 'levofloxacin', timing: everyHours(24, 7) }] },
];
