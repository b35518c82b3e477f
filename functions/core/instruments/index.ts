export { checkAnswers, isOnScale } from './check-answers';
export { clinicalRangeWording } from './clinical-range';
export type { ClinicalRangeWording } from './clinical-range';
export type { AnswerProblem } from './check-answers';
export { UnknownInstrumentError, UnlicensedInstrumentError } from './errors';
export {
  CaseWhen, Direction, LicenceStatus, MeasureType, MissingHandling, ReliableChangeConfidence, ScoringMethod, SourceStatus,
} from './instrument-definition';
export type {
  AnswerScale, Band, CutOff, InstrumentDefinition, Licence, MissingRule, NumberRange, Provenance, ReliableChangeRule,
  RiskItem, Scoring, Source,
} from './instrument-definition';
export { instrumentSchema } from './instrument-schema';
export { definitionProblems } from './definition-problems';
export { allowedValues, Messages } from './messages';
export { valueSources, weakestStatus } from './value-sources';
export type { ValueSource } from './value-sources';
export { findInstrument, getInstrument, isEnabled, listInstruments } from './registry';
