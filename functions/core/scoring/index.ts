export { findBand, isCase } from './classify-score';
export { InvalidAnswerError } from './invalid-answer-error';
export { reverseAnswer } from './reverse-answer';
export { scoreAdministration } from './score-administration';
export type { ScoredAdministration } from './score-administration';
export { ScoreFlag } from './score-flag';
