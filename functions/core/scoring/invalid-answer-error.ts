import type { AnswerProblem } from '../instruments/check-answers';

/** Raised when an administration cannot be scored; `item` (0-based) and `message` name the first bad answer. */
export class InvalidAnswerError extends Error {
  override readonly name = 'InvalidAnswerError';
  /** 0-based index of the first offending answer. */
  readonly item: number;
  /** Every problem found, in item order. */
  readonly problems: readonly AnswerProblem[];
  constructor(problems: readonly [AnswerProblem, ...AnswerProblem[]], options?: { cause?: unknown }) {
    super(problems[0].message, options);
    this.item = problems[0].item;
    this.problems = problems;
  }
}
