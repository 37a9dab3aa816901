// The whole v2 table, in its original order: the schedules half, then the tasks half.
import { SCHEDULE_CASES } from './rulesCasesSchedules.js';
import { TASK_CASES } from './rulesCasesTasks.js';

export type { Case, PlanRow, TaskRow, UnclearRow } from './rulesCasesSchedules.js';
export const CASES = [...SCHEDULE_CASES, ...TASK_CASES];
