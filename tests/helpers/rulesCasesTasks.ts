// The second half of the rules extractor's table of notes: pronouns and phases, non-drug actions,
// one-time tasks, notes that must yield nothing, and edge phrasings.
import type { Case } from './rulesCasesSchedules.js';

export const TASK_CASES: Case[] = [
  // Pronouns borrow what was picked up; "then" phases become one item.
  {
    note: 'Pick up amoxicillin from the pharmacy and take it three times a day for five days.',
    plan: [['Take amoxicillin', 3, 5]],
    checklist: ['Pick up amoxicillin from the pharmacy'],
  },
  {
    note: 'Pick up the inhaler from the chemist and use it twice a day for a month.',
    plan: [['Use the inhaler', 2, 30]],
    checklist: ['Pick up the inhaler from the chemist'],
  },
  {
    note: 'Started on prednisolone 40mg OD for a week, then 20mg OD for a week.',
    plan: [['Take prednisolone 40mg OD for a week, then 20mg OD for a week', 1, 14]],
  },
  {
    note: 'Take doxycycline 100mg twice daily for seven days and then once daily for a further seven days.',
    plan: [['Take doxycycline 100mg twice daily for seven days, then once daily for a further seven days', 2, 14]],
  },
  { note: 'Take trimethoprim 200mg BD for three days then review.', plan: [['Take trimethoprim 200mg', 2, 3]] },
  { note: 'Take prednisolone 40mg daily for 5 days then stop.', plan: [['Take prednisolone 40mg', 1, 5]] },
  // Non-drug recurring actions.
  { note: 'Walk for 30 minutes every day for 4 weeks.', plan: [['Walk for 30 minutes', 1, 28]] },
  { note: 'Do pelvic floor exercises 3 times a day for 3 months.', plan: [['Do pelvic floor exercises', 3, 90]] },
  {
    note: 'Soak the foot in warm salt water twice daily for 1 week.',
    plan: [['Soak the foot in warm salt water', 2, 7]],
  },
  {
    note: 'Apply ice to the ankle for 20 minutes 4 times a day for 3 days, and keep it elevated.',
    plan: [['Apply ice to the ankle for 20 minutes', 4, 3]],
  },
  { note: 'Check blood glucose before meals for 2 weeks.', plan: [['Check blood glucose', 3, 14]] },
  { note: 'Drink 2 litres of water a day for a week.', plan: [['Drink 2 litres of water', 1, 7]] },
  { note: 'Inject enoxaparin 40mg once daily for 28 days.', plan: [['Inject enoxaparin 40mg', 1, 28]] },
  // One-time tasks.
  {
    note: 'Buy a thermometer. Book a follow-up appointment in 2 weeks.',
    plan: [],
    checklist: ['Buy a thermometer', 'Book a follow-up appointment in 2 weeks'],
  },
  {
    note: 'Please arrange physiotherapy and register with a GP.',
    plan: [],
    checklist: ['Arrange physiotherapy', 'Register with a GP'],
  },
  {
    note: 'Schedule a dental appointment and purchase an electric toothbrush.',
    plan: [],
    checklist: ['Schedule a dental appointment', 'Purchase an electric toothbrush'],
  },
  {
    note: 'Please pick up your prescription from the pharmacy and register for the online portal.',
    plan: [],
    checklist: ['Pick up your prescription from the pharmacy', 'Register for the online portal'],
  },
  {
    note: 'Get the antibiotics from the pharmacy today.',
    plan: [],
    checklist: ['Get the antibiotics from the pharmacy today'],
  },
  { note: 'Make an appointment with the optician.', plan: [], checklist: ['Make an appointment with the optician'] },
  {
    note: 'Take ibuprofen 400mg three times a day with food for 5 days. If pain persists, book an appointment.',
    plan: [['Take ibuprofen 400mg with food', 3, 5]],
    checklist: ['Book an appointment'],
  },
  {
    note: 'Plan:\n- Amoxicillin 500mg TDS x 7 days\n- Paracetamol 1g QDS x 3 days\n- Book GP review in 2 weeks\n- Buy a blood pressure monitor',
    plan: [
      ['Take amoxicillin 500mg', 3, 7],
      ['Take paracetamol 1g', 4, 3],
    ],
    checklist: ['Book GP review in 2 weeks', 'Buy a blood pressure monitor'],
  },
  {
    note: 'Patient complains of cough for two weeks. Take amoxicillin 500mg three times a day for 5 days.',
    plan: [['Take amoxicillin 500mg', 3, 5]],
  },
  // No schedule, narrative, as-needed, conditional, stopped, sub-daily: nothing invented.
  { note: 'Rest and drink fluids.', plan: [] },
  { note: 'Follow up in clinic in 6 weeks.', plan: [] },
  { note: 'Blood pressure well controlled. No changes to medication.', plan: [] },
  { note: 'Temp 38.2, HR 96. Chest clear. Diagnosis: viral URTI.', plan: [] },
  { note: 'Patient reports headaches twice a day for 2 weeks.', plan: [] },
  { note: 'Symptoms worse at night.', plan: [] },
  { note: 'Was on metformin 500mg twice daily for 2 years.', plan: [] },
  { note: 'If fever, take paracetamol 1g every 6 hours.', plan: [] },
  { note: 'Take ibuprofen 400mg up to three times a day as needed.', plan: [] },
  { note: 'Take salbutamol 2 puffs when needed.', plan: [] },
  { note: 'Do not take ibuprofen more than three times a day.', plan: [] },
  { note: 'Stop amlodipine.', plan: [] },
  { note: 'Take warfarin as directed by the anticoagulation clinic.', plan: [] },
  { note: 'Take fluconazole 150mg once weekly for 6 weeks.', plan: [] },
  { note: 'Take the tablets every other day for 2 weeks.', plan: [] },
  { note: 'I will book an MRI.', plan: [] },
  // More phrasings.
  { note: 'Take one tablet a day for 10 days.', plan: [['Take one tablet', 1, 10]] },
  { note: 'Take 2 capsules per day for 5 days.', plan: [['Take 2 capsules', 1, 5]] },
  { note: 'Apply the cream 2× daily for 1 week.', plan: [['Apply the cream', 2, 7]] },
  { note: 'Take amlodipine 5mg QD for 30 days.', plan: [['Take amlodipine 5mg', 1, 30]] },
  { note: 'Take 1 tab every 24 hours for 5 days.', plan: [['Take 1 tab', 1, 5]] },
  { note: 'Take three tablets 2x per day for ten days.', plan: [['Take three tablets', 2, 10]] },
  {
    note: 'Take cefuroxime 250mg twice daily x 10 days and book a follow-up in two weeks.',
    plan: [['Take cefuroxime 250mg', 2, 10]],
    checklist: ['Book a follow-up in two weeks'],
  },
  {
    note: 'Take amoxicillin 500 mg every 8 hours for 1 week; buy paracetamol; schedule a review in 10 days.',
    plan: [['Take amoxicillin 500 mg', 3, 7]],
    checklist: ['Buy paracetamol', 'Schedule a review in 10 days'],
  },
  { note: 'Take apixaban 5mg BID.', plan: [['Take apixaban 5mg (duration not specified; 7-day default)', 2, 7]] },
  { note: 'Take sumatriptan 50mg at the onset of a migraine.', plan: [] },
  { note: 'Take clopidogrel 75mg OD for 12 months.', plan: [['Take clopidogrel 75mg', 1, 365]] },
  {
    note: 'Take Metformin 500mg BD. Take atorvastatin 20mg ON.',
    plan: [['Take Metformin 500mg (duration not specified; 7-day default)', 2, 7]],
  },
  {
    note: 'Take iron tablets twice a day for six weeks; get a blood test in 6 weeks.',
    plan: [['Take iron tablets', 2, 42]],
    checklist: ['Get a blood test in 6 weeks'],
  },
  {
    note: 'Take amoxicillin 500mg three times a day for 7 days.\nTake amoxicillin 500mg three times a day for 7 days.',
    plan: [['Take amoxicillin 500mg', 3, 7]],
  },
  // Split doses, clamps, rounding and who does the task.
  {
    note: 'Take 1 tablet in the morning and 2 tablets at night for two weeks.',
    plan: [['Take 1 tablet in the morning and 2 tablets at night', 2, 14]],
  },
  {
    note: 'Use 2 puffs in the morning and 2 puffs at bedtime.',
    plan: [['Use 2 puffs in the morning and 2 puffs at bedtime (duration not specified; 7-day default)', 2, 7]],
  },
  { note: 'Amoxicillin twice daily for a week.', plan: [['Take amoxicillin', 2, 7]] },
  { note: 'Take nifedipine 5mg every 5 hours for 2 days.', plan: [['Take nifedipine 5mg', 4, 2]] },
  { note: 'Take 2 tablets daily for 2 years.', plan: [['Take 2 tablets', 1, 365]] },
  {
    note: 'Take amoxicillin 500mg twice daily until finished.',
    plan: [['Take amoxicillin 500mg until finished (duration not specified; 7-day default)', 2, 7]],
  },
  { note: 'We will arrange an MRI. You should book a blood test.', plan: [], checklist: ['Book a blood test'] },
];
