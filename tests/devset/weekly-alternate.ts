// Less often than daily: once weekly, every other day, three times a week, weekdays.
import { type DevCase, everyDays, weekly } from './types.js';

const MON_FRI = { dayOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'] as const };

export const WEEKLY_ALTERNATE: DevCase[] = [
  {
    note: 'Osteoporosis on DEXA. Alendronic acid 70mg once weekly, long term. Take with a full glass of water, 30 min before breakfast, stay upright.',
    plan: [{ drug: 'alendronic acid', timing: weekly(1, null) }],
  },
  {
    note: 'Vit D deficient (18). Colecalciferol 20,000 units once a week for 7 weeks, then recheck level.',
    plan: [{ drug: 'colecalciferol', timing: weekly(1, 49) }],
    checklist: [{ match: 'recheck level', dueInDays: null }],
  },
  {
    note: 'Furosemide 40mg on alternate days, ongoing - ankles better',
    plan: [{ drug: 'furosemide', timing: everyDays(2, null) }],
  },
  {
    note: 'Aspirin 75 mg every other day for 3 months',
    plan: [{ drug: 'aspirin', timing: everyDays(2, 90) }],
  },
  {
    note: 'Azithromycin 250mg three times a week (Mon/Wed/Fri) long term for bronchiectasis prophylaxis',
    plan: [{ drug: 'azithromycin', timing: weekly(3, null, { dayOfWeek: ['mon', 'wed', 'fri'] }) }],
  },
  {
    note: 'Fosamax 70 mg every Sunday morning, continue',
    plan: [{ drug: 'fosamax', timing: weekly(1, null, { dayOfWeek: ['sun'], when: ['morning'] }) }],
  },
  {
    note: 'Prednisolone 10mg qod x 4 weeks',
    plan: [{ drug: 'prednisolone', timing: everyDays(2, 28) }],
  },
  {
    note: 'Risedronate 35mg weekly - ongoing',
    plan: [{ drug: 'risedronate', timing: weekly(1, null) }],
  },
  {
    note: 'Co-trimoxazole 960mg three times weekly for 6 months (PCP prophylaxis)',
    plan: [{ drug: 'co-trimoxazole', timing: weekly(3, 180) }],
  },
  {
    note: 'Vitamin B12 1mg IM every 3 months, lifelong.',
    plan: [{ drug: 'vitamin b12', timing: { ...weekly(1, null), period: 3, periodUnit: 'mo' } }],
  },
  {
    note: 'Ferrous fumarate 210mg on alternate days for 3 months (better absorbed than daily)',
    plan: [{ drug: 'ferrous fumarate', timing: everyDays(2, 90) }],
  },
  {
    note: 'Pt works shifts: bumetanide 1 mg Mon-Fri only, ongoing.',
    plan: [{ drug: 'bumetanide', timing: weekly(5, null, { dayOfWeek: [...MON_FRI.dayOfWeek] }) }],
  },
  {
    note: 'Fluconazole 150mg once weekly for 6 weeks (recurrent thrush)',
    plan: [{ drug: 'fluconazole', timing: weekly(1, 42) }],
  },
  {
    note: 'Vitamin D 25,000 IU fortnightly, ongoing (malabsorption)',
    plan: [{ drug: 'vitamin d', timing: { ...weekly(1, null), period: 2 } }],
  },
];
