// Instructions too vague to schedule: they go to `unclear`, never to a guessed schedule.
import type { DevCase } from './types.js';

export const VAGUE: DevCase[] = [
  { note: 'Warfarin as directed by the anticoagulation clinic', plan: [], unclear: ['warfarin'] },
  { note: 'Use the Ventolin regularly', plan: [], unclear: ['ventolin'] },
  {
    note: 'Ramipril 2.5mg od - increase the dose if BP still high at review',
    plan: [],
    unclear: ['ramipril'],
  },
  { note: 'Emollient: apply liberally and often', plan: [], unclear: ['emollient'] },
  { note: 'Take your omeprazole as before', plan: [], unclear: ['omeprazole'] },
  {
    note: 'Insulin glargine 10 units at night, titrate by 2 units every 3 days to fasting sugar 5-7',
    plan: [],
    unclear: ['insulin glargine'],
  },
  { note: 'Start sertraline.', plan: [], unclear: ['sertraline'] },
  {
    note: 'Clotrimazole cream bd, continue for 2 weeks after the rash has cleared',
    plan: [],
    unclear: ['clotrimazole'],
  },
  { note: 'Gaviscon 10-20ml after meals and at bedtime', plan: [], unclear: ['gaviscon'] },
  { note: 'Furosemide 40-80 mg mane depending on weight, ongoing', plan: [], unclear: ['furosemide'] },
  { note: 'Movicol 1-3 sachets daily, adjust to response', plan: [], unclear: ['movicol'] },
  { note: 'Paracetamol 1g four times a day.', plan: [], unclear: ['paracetamol'] },
  { note: 'Amoxicillin 500mg for 5 days', plan: [], unclear: ['amoxicillin'] },
  { note: 'Take metformin with meals, long term', plan: [], unclear: ['metformin'] },
];
