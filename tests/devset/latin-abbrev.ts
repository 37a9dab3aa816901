// Latin and ward shorthand: od/bd/tds/qds, bid/tid/qid, qNh, mane/nocte/hs, ac/pc.
import { type DevCase, daily, everyHours } from './types.js';

export const LATIN_ABBREV: DevCase[] = [
  { note: 'Amoxicillin 500mg PO TDS x 7/7', plan: [{ drug: 'amoxicillin', timing: daily(3, 7) }] },
  { note: 'Rx: flucloxacillin 500 mg qds for 7 days', plan: [{ drug: 'flucloxacillin', timing: daily(4, 7) }] },
  {
    note: 'Dx: H. pylori neg dyspepsia.\nLansoprazole 30mg OD for 4 weeks then review',
    plan: [{ drug: 'lansoprazole', timing: daily(1, 28) }],
  },
  { note: 'cefalexin 500 mg b.i.d. for 5 days', plan: [{ drug: 'cefalexin', timing: daily(2, 5) }] },
  {
    note: 'Low mood, poor sleep. Amitriptyline 10mg nocte - continue long term.',
    plan: [{ drug: 'amitriptyline', timing: daily(1, null, { when: ['bedtime'] }) }],
  },
  {
    note: 'Omeprazole 20mg mane x 8/52',
    plan: [{ drug: 'omeprazole', timing: daily(1, 56, { when: ['morning'] }) }],
  },
  {
    note: 'Metronidazole 400mg t.i.d. for 7 days. No alcohol during and for 48h after.',
    plan: [{ drug: 'metronidazole', timing: daily(3, 7) }],
  },
  {
    note: 'Zopiclone 3.75 mg hs for 5 nights only',
    plan: [{ drug: 'zopiclone', timing: daily(1, 5, { when: ['bedtime'] }) }],
  },
  {
    note: 'T2DM. Insulin aspart 6 units ac tds, ongoing.',
    plan: [{ drug: 'insulin aspart', timing: daily(3, null, { when: ['before-meals'] }) }],
  },
  { note: 'Ciprofloxacin 500mg q12h x 7d', plan: [{ drug: 'ciprofloxacin', timing: everyHours(12, 7) }] },
  {
    note: 'ondansetron 4 mg PO q8h PRN nausea',
    plan: [{ drug: 'ondansetron', asNeeded: true, timing: everyHours(8, null) }],
  },
  {
    note: 'Nitrofurantoin MR 100mg bd 3/7',
    plan: [{ drug: 'nitrofurantoin', timing: daily(2, 3) }],
  },
  {
    note: 'Sertraline 50mg OM, long term',
    plan: [{ drug: 'sertraline', timing: daily(1, null, { when: ['morning'] }) }],
  },
  {
    note: 'Cetirizine 10 mg qhs x 14d for the hives',
    plan: [{ drug: 'cetirizine', timing: daily(1, 14, { when: ['bedtime'] }) }],
  },
  {
    note: 'Metformin 500 mg BD pc, continue.',
    plan: [{ drug: 'metformin', timing: daily(2, null, { when: ['after-meals'] }) }],
  },
  {
    note: 'Dexamethasone 6mg QD x 10 days (covid)',
    plan: [{ drug: 'dexamethasone', timing: daily(1, 10) }],
  },
];
