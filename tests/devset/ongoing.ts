// No end date, by the doctor's words: "long term", "continue", "indefinitely", "for life".
import { type DevCase, daily, weekly } from './types.js';

export const ONGOING: DevCase[] = [
  { note: 'Continue ramipril 5mg od.', plan: [{ drug: 'ramipril', timing: daily(1, null) }] },
  {
    note: 'New AF, CHA2DS2-VASc 3. Apixaban 5mg bd indefinitely.',
    plan: [{ drug: 'apixaban', timing: daily(2, null) }],
  },
  {
    note: 'Levothyroxine 75 mcg every morning before breakfast, lifelong.',
    plan: [{ drug: 'levothyroxine', timing: daily(1, null, { when: ['morning', 'before-meals'] }) }],
  },
  {
    note: 'Atorvastatin 80mg nocte for life (secondary prevention)',
    plan: [{ drug: 'atorvastatin', timing: daily(1, null, { when: ['bedtime'] }) }],
  },
  {
    note: 'Keep taking the lisinopril 10 mg once a day',
    plan: [{ drug: 'lisinopril', timing: daily(1, null) }],
  },
  {
    note: 'Clopidogrel 75mg OD - long-term',
    plan: [{ drug: 'clopidogrel', timing: daily(1, null) }],
  },
  {
    note: 'Mirtazapine 15mg at night until review',
    plan: [{ drug: 'mirtazapine', timing: daily(1, null, { when: ['bedtime'] }) }],
  },
  {
    note: 'Bisoprolol 2.5mg daily, ongoing.',
    plan: [{ drug: 'bisoprolol', timing: daily(1, null) }],
  },
  {
    note: 'Tiotropium 18mcg inhaled once daily, continue long term',
    plan: [{ drug: 'tiotropium', timing: daily(1, null) }],
  },
  {
    note: 'Remain on lithium 400mg nocte. Lithium level in 3 months.',
    plan: [{ drug: 'lithium', timing: daily(1, null, { when: ['bedtime'] }) }],
    checklist: [{ match: 'lithium level', dueInDays: 90 }],
  },
  {
    note: 'Metformin 1g twice daily with meals, long term',
    plan: [{ drug: 'metformin', timing: daily(2, null, { when: ['with-meals'] }) }],
  },
  {
    note: 'Take apixaban 5mg twice daily.',
    plan: [],
    unclear: ['apixaban'],
  },
  {
    note: 'Losartan 50 mg daily. Carry on until further notice.',
    plan: [{ drug: 'losartan', timing: daily(1, null) }],
  },
  {
    note: 'Semaglutide 0.25 mg sc once weekly, continue',
    plan: [{ drug: 'semaglutide', timing: weekly(1, null) }],
  },
];
