// Notes with no steps at all: conversation, findings, general advice. All three lists empty.
// General advice ("drink plenty of water", "rest") is not a step: it has no dose, no count and
// no date, so there is nothing to remind or tick off.
import type { DevCase } from './types.js';

export const CHATTY: DevCase[] = [
  { note: 'How is the pain today? Drink plenty of water.', plan: [] },
  { note: 'Seen with mum. Viral URTI. Reassured. Fluids and rest.', plan: [] },
  { note: 'Pt well, no concerns. BP 128/76. Continue as is.', plan: [] },
  { note: 'Telephone consult - symptoms much improved, happy to manage at home.', plan: [] },
  {
    note: 'Discussed diet and exercise at length. She will try to walk 30 minutes a day.',
    plan: [],
  },
  { note: 'O/E chest clear, HS I+II+0, abdo soft non-tender. Impression: musculoskeletal pain.', plan: [] },
  { note: 'Thanks for seeing me today! Any questions just ask.', plan: [] },
  { note: 'Bloods from last week normal. TSH 2.1. Nothing to do.', plan: [] },
  { note: 'Safety netting advice given: if worse, call 111 or attend A&E.', plan: [] },
  { note: 'Sleep hygiene discussed. Avoid caffeine after 2pm and screens before bed.', plan: [] },
  { note: 'Keep the wound clean and dry. Elevate the leg when sitting.', plan: [] },
  { note: 'Patient declined flu vaccine today.', plan: [] },
  { note: 'Lots of questions about her mother who is in hospital. Listened. Will see how things go.', plan: [] },
];
