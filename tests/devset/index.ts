// The whole development set, by category (docs/EXTRACTION.md, "Development set").
import { CHATTY } from './chatty.js';
import { CHECKLIST_DUE } from './checklist-due.js';
import { DURATIONS } from './durations.js';
import { FRESH } from './fresh.js';
import { HIGH_ALERT } from './high-alert.js';
import { LATIN_ABBREV } from './latin-abbrev.js';
import { MULTI_DRUG } from './multi-drug.js';
import { ONGOING } from './ongoing.js';
import { PRN } from './prn.js';
import { START_LATER } from './start-later.js';
import { STOPPED_HISTORY } from './stopped-history.js';
import { TAPERS } from './tapers.js';
import type { Category, DevCase } from './types.js';
import { VAGUE } from './vague.js';
import { WEEKLY_ALTERNATE } from './weekly-alternate.js';

const BY_HAND: Record<Category, DevCase[]> = {
  'latin-abbrev': LATIN_ABBREV,
  durations: DURATIONS,
  'weekly-alternate': WEEKLY_ALTERNATE,
  prn: PRN,
  tapers: TAPERS,
  'start-later': START_LATER,
  ongoing: ONGOING,
  'stopped-history': STOPPED_HISTORY,
  vague: VAGUE,
  'checklist-due': CHECKLIST_DUE,
  'multi-drug': MULTI_DRUG,
  chatty: CHATTY,
  'high-alert': HIGH_ALERT,
};

/** Each category's notes, the fresh ones (fresh.ts) after the first ones. */
export const DEVSET = Object.fromEntries(
  Object.entries(BY_HAND).map(([category, cases]) => [
    category,
    [...cases, ...FRESH.filter(([c]) => c === category).map(([, d]) => d)],
  ]),
) as Record<Category, DevCase[]>;
