export { findBand, isCase } from './classify-score';
export { InvalidAnswerError } from './invalid-answer-error';
export { reverseAnswer } from './reverse-answer';
export { riskFlags } from './risk-flags';
export type { RiskFlag } from './risk-flags';
export { scoreAdministration } from './score-administration';
export type { ScoredAdministration } from './score-administration';
export { ScoreFlag } from './score-flag';
