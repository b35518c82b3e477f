export { checkAnswers, isOnScale } from './check-answers';
export type { AnswerProblem } from './check-answers';
export { UnknownInstrumentError, UnlicensedInstrumentError } from './errors';
export { CaseWhen, Direction, LicenceStatus, MissingHandling, ScoringMethod } from './instrument-definition';
export type {
  AnswerScale, Band, CutOff, InstrumentDefinition, Licence, MissingRule, NumberRange, Provenance, ReliableChangeRule,
  RiskItem, Scoring,
} from './instrument-definition';
export { instrumentSchema } from './instrument-schema';
export { definitionProblems } from './definition-problems';
export { allowedValues, Messages } from './messages';
export { findInstrument, getInstrument, isEnabled, listInstruments } from './registry';
