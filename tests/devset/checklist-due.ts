// One-time tasks with the day they are due.
import type { DevCase } from './types.js';

export const CHECKLIST_DUE: DevCase[] = [
  { note: 'Recheck BP in 2 weeks', plan: [], checklist: [{ match: 'recheck bp', dueInDays: 14 }] },
  { note: 'TSH in 6 weeks.', plan: [], checklist: [{ match: 'tsh', dueInDays: 42 }] },
  {
    note: 'Wound clean, steristrips applied. Remove the dressing in 5 days.',
    plan: [],
    checklist: [{ match: 'remove the dressing', dueInDays: 5 }],
  },
  { note: 'Book a follow-up with the practice nurse.', plan: [], checklist: [{ match: 'book', dueInDays: null }] },
  {
    note: 'Plan:\n- bloods: FBC, U&E and LFTs in 1 week\n- GP review 2/52',
    plan: [],
    checklist: [
      { match: 'fbc', dueInDays: 7 },
      { match: 'review', dueInDays: 14 },
    ],
  },
  { note: 'Sutures out in 10 days at the practice.', plan: [], checklist: [{ match: 'sutures', dueInDays: 10 }] },
  {
    note: 'Repeat HbA1c in 3 months and arrange diabetic eye screening.',
    plan: [],
    checklist: [
      { match: 'hba1c', dueInDays: 90 },
      { match: 'eye screening', dueInDays: null },
    ],
  },
  { note: 'F/U 4-6 weeks with results', plan: [], checklist: [{ match: 'f/u', dueInDays: 28 }] },
  {
    note: 'Please book an ECG at reception and come back in a fortnight.',
    plan: [],
    checklist: [
      { match: 'ecg', dueInDays: null },
      { match: 'come back', dueInDays: 14 },
    ],
  },
  { note: 'Recheck INR tomorrow', plan: [], checklist: [{ match: 'inr', dueInDays: 1 }] },
  {
    note: 'Return if the fever persists beyond 48 hours. Otherwise review in 1 week.',
    plan: [],
    checklist: [{ match: 'review', dueInDays: 7 }],
  },
  {
    note: 'CXR in 6/52 to confirm resolution',
    plan: [],
    checklist: [{ match: 'cxr', dueInDays: 42 }],
  },
  {
    note: 'Collect urine sample pot from reception and drop the sample off tomorrow',
    plan: [],
    checklist: [
      { match: 'collect urine', dueInDays: null },
      { match: 'drop the sample off', dueInDays: 1 },
    ],
  },
  {
    note: 'Recheck BP in 2 weeks and TSH in 6 weeks',
    plan: [],
    checklist: [
      { match: 'bp', dueInDays: 14 },
      { match: 'tsh', dueInDays: 42 },
    ],
  },
];
