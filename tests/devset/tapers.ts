// Tapers and phased courses: one item per phase, later phases with their start day.
import { type DevCase, daily } from './types.js';

export const TAPERS: DevCase[] = [
  {
    note: 'Prednisolone 40 mg daily for 5 days, then 20 mg daily for 5 days, then stop.',
    plan: [
      { drug: 'prednisolone 40', timing: daily(1, 5) },
      { drug: 'prednisolone 20', timing: daily(1, 5, { startDay: 5 }) },
    ],
  },
  {
    note: 'Pred 30mg od 7/7 then 20mg od 7/7 then 10mg od 7/7 then stop',
    plan: [
      { drug: 'pred 30', timing: daily(1, 7) },
      { drug: 'pred 20', timing: daily(1, 7, { startDay: 7 }) },
      { drug: 'pred 10', timing: daily(1, 7, { startDay: 14 }) },
    ],
  },
  {
    note: 'Prednisolone: 40mg OD x 3 days, then 30mg x 3 days, then 20mg x 3 days, then 10mg x 3 days, then stop.',
    plan: [
      { drug: 'prednisolone 40', timing: daily(1, 3) },
      { drug: 'prednisolone 30', timing: daily(1, 3, { startDay: 3 }) },
      { drug: 'prednisolone 20', timing: daily(1, 3, { startDay: 6 }) },
      { drug: 'prednisolone 10', timing: daily(1, 3, { startDay: 9 }) },
    ],
  },
  {
    note: 'Salbutamol 2 puffs qds for 5 days then as needed',
    plan: [
      { drug: 'salbutamol', timing: daily(4, 5) },
      { drug: 'salbutamol', asNeeded: true, timing: null },
    ],
  },
  {
    note: 'Dexamethasone 4mg bd for 3 days then 2mg bd for 3 days then stop',
    plan: [
      { drug: 'dexamethasone 4', timing: daily(2, 3) },
      { drug: 'dexamethasone 2', timing: daily(2, 3, { startDay: 3 }) },
    ],
  },
  {
    note: 'Paracetamol 1g qds regularly for 3 days, then as required.',
    plan: [
      { drug: 'paracetamol', timing: daily(4, 3) },
      { drug: 'paracetamol', asNeeded: true, timing: null },
    ],
  },
  {
    note: 'Prednisolone 60mg once daily for 1 week, reduce to 40mg once daily for 1 week, then 20mg once daily for 1 week.',
    plan: [
      { drug: 'prednisolone 60', timing: daily(1, 7) },
      { drug: 'prednisolone 40', timing: daily(1, 7, { startDay: 7 }) },
      { drug: 'prednisolone 20', timing: daily(1, 7, { startDay: 14 }) },
    ],
  },
  {
    note: 'Prednisolone 40mg od then reduce by 5mg every week until stopped',
    plan: [],
    unclear: ['prednisolone'],
  },
  {
    note: 'Sertraline 25mg od for 1 week then 50mg od long term',
    plan: [
      { drug: 'sertraline 25', timing: daily(1, 7) },
      { drug: 'sertraline 50', timing: daily(1, null, { startDay: 7 }) },
    ],
  },
  {
    note: 'Amitriptyline 10mg at night for 2 weeks, then 20mg at night ongoing if tolerated',
    plan: [
      { drug: 'amitriptyline 10', timing: daily(1, 14, { when: ['bedtime'] }) },
      { drug: 'amitriptyline 20', timing: daily(1, null, { when: ['bedtime'], startDay: 14 }) },
    ],
  },
  {
    note: 'Gabapentin 300 mg nocte for 3 days, then 300 mg bd for 3 days, then 300 mg tds, continue.',
    plan: [
      { drug: 'gabapentin', timing: daily(1, 3, { when: ['bedtime'] }) },
      { drug: 'gabapentin', timing: daily(2, 3, { startDay: 3 }) },
      { drug: 'gabapentin', timing: daily(3, null, { startDay: 6 }) },
    ],
  },
  {
    note: 'Prednisone 20 mg PO daily x 5 days followed by 10 mg daily x 5 days',
    plan: [
      { drug: 'prednisone 20', timing: daily(1, 5) },
      { drug: 'prednisone 10', timing: daily(1, 5, { startDay: 5 }) },
    ],
  },
  {
    note: 'Prednisolone 30 mg daily, then taper as per the sheet given',
    plan: [],
    unclear: ['prednisolone'],
  },
];
