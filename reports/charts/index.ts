export { meanChangeChart } from './mean-change';
export type { MeanChangeOptions } from './mean-change';
export { outcomeClassesChart } from './outcome-classes';
export type { OutcomeClassesOptions } from './outcome-classes';
