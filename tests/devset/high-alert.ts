// Methotrexate however it is written, and other weekly drugs: never read as daily.
import { type DevCase, daily, weekly } from './types.js';

export const HIGH_ALERT: DevCase[] = [
  {
    note: 'Methotrexate 15 mg once weekly on Mondays, long term. Folic acid 5 mg once weekly on Wednesdays, long term.',
    plan: [
      { drug: 'methotrexate', timing: weekly(1, null, { dayOfWeek: ['mon'] }) },
      { drug: 'folic acid', timing: weekly(1, null, { dayOfWeek: ['wed'] }) },
    ],
  },
  {
    note: 'MTX 10mg weekly (Friday), continue. Folic acid 5mg the day after.',
    plan: [{ drug: 'mtx', timing: weekly(1, null, { dayOfWeek: ['fri'] }) }],
    unclear: ['folic acid'],
  },
  {
    note: 'Methotrexate 2.5mg tablets: take 6 tablets (15mg) every Sunday. Ongoing.',
    plan: [{ drug: 'methotrexate', timing: weekly(1, null, { dayOfWeek: ['sun'] }) }],
  },
  {
    note: 'Methotrexate 7.5mg od long term',
    plan: [],
    unclear: ['methotrexate'],
  },
  {
    note: 'Methotrexate 20 mg sc once a week, long-term; FBC/LFT every 3 months',
    plan: [{ drug: 'methotrexate', timing: weekly(1, null) }],
    unclear: ['fbc'],
  },
  { note: 'Increase methotrexate to 20mg weekly', plan: [], unclear: ['methotrexate'] },
  {
    note: 'methotrexate 10 mg po q week x 12 weeks',
    plan: [{ drug: 'methotrexate', timing: weekly(1, 84) }],
  },
  {
    // "restart when better" has no schedule: the doctor is asked, nothing is scheduled.
    note: 'Methotrexate - hold while unwell with the chest infection, restart when better.',
    plan: [],
    unclear: ['methotrexate'],
    never: ['methotrexate'],
  },
  { note: 'Methotrexate 12.5mg weekly', plan: [], unclear: ['methotrexate'] },
  {
    note: 'Alendronate 70mg weekly on Saturdays, long term; calcium carbonate 1.25g bd, long term',
    plan: [
      { drug: 'alendronate', timing: weekly(1, null, { dayOfWeek: ['sat'] }) },
      { drug: 'calcium carbonate', timing: daily(2, null) },
    ],
  },
  {
    note: 'Methotrexate 15 mg on Thursdays only, indefinitely',
    plan: [{ drug: 'methotrexate', timing: weekly(1, null, { dayOfWeek: ['thu'] }) }],
  },
  {
    note: 'Methotrexate 7.5mg Monday and Tuesday each week, ongoing (split dose)',
    plan: [{ drug: 'methotrexate', timing: weekly(2, null, { dayOfWeek: ['mon', 'tue'] }) }],
  },
  {
    note: 'Colecalciferol 50,000 IU weekly for 8 weeks then 800 IU daily, long term',
    plan: [
      { drug: 'colecalciferol 50,000', timing: weekly(1, 56) },
      { drug: 'colecalciferol 800', timing: daily(1, null, { startDay: 56 }) },
    ],
  },
];
