// As needed: listed, never reminded; a stated maximum is the timing.
import { type DevCase, daily, everyHours } from './types.js';

export const PRN: DevCase[] = [
  {
    note: 'Paracetamol 1g qds prn for pain',
    plan: [{ drug: 'paracetamol', asNeeded: true, timing: daily(4, null) }],
  },
  {
    note: 'Salbutamol inhaler 2 puffs as needed',
    plan: [{ drug: 'salbutamol', asNeeded: true, timing: null }],
  },
  {
    note: 'Ibuprofen 400mg up to three times a day with food if needed',
    plan: [{ drug: 'ibuprofen', asNeeded: true, timing: daily(3, null, { when: ['with-meals'] }) }],
  },
  {
    note: 'Codeine 30mg q6h PRN, max 5 days',
    plan: [{ drug: 'codeine', asNeeded: true, timing: everyHours(6, 5) }],
  },
  {
    note: 'GTN spray 1-2 puffs sublingual PRN for chest pain; if no relief after 2nd dose call 999.',
    plan: [{ drug: 'gtn', asNeeded: true, timing: null }],
  },
  {
    note: 'Loperamide 2mg after each loose stool, max 8 tabs/24h.',
    plan: [{ drug: 'loperamide', asNeeded: true, timing: null }],
  },
  {
    note: 'Cyclizine 50mg tds prn',
    plan: [{ drug: 'cyclizine', asNeeded: true, timing: daily(3, null) }],
  },
  {
    note: 'Oramorph 2.5-5mg every 4 hours when required for breakthrough pain',
    plan: [{ drug: 'oramorph', asNeeded: true, timing: everyHours(4, null) }],
  },
  {
    note: 'Chlorphenamine 4mg every 4-6 hours as required, no more than 6 tablets in 24 hours',
    plan: [{ drug: 'chlorphenamine', asNeeded: true, timing: everyHours(4, null) }],
  },
  {
    note: 'Lorazepam 0.5 mg PRN for panic, no more than twice a day',
    plan: [{ drug: 'lorazepam', asNeeded: true, timing: daily(2, null) }],
  },
  {
    note: 'Sumatriptan 50mg at onset of migraine as needed; may repeat once after 2 hours',
    plan: [{ drug: 'sumatriptan', asNeeded: true, timing: null }],
  },
  {
    note: 'Acetaminophen 650 mg PO q6h prn fever/pain',
    plan: [{ drug: 'acetaminophen', asNeeded: true, timing: everyHours(6, null) }],
  },
  {
    note: 'Lactulose 15ml bd if constipated',
    plan: [{ drug: 'lactulose', asNeeded: true, timing: daily(2, null) }],
  },
  {
    note: 'Paracetamol 500mg-1g every 4-6 hours as needed, max 4 doses in 24 hours',
    plan: [{ drug: 'paracetamol', asNeeded: true, timing: daily(4, null) }],
  },
];
