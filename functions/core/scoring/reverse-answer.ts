import type { AnswerScale } from '../instruments/instrument-definition';

/** The reverse-scored value of an answer: `min + max − value` (1..5: 1↔5, 2↔4). Applying it twice gives the answer back. */
export const reverseAnswer = (scale: AnswerScale, value: number): number => scale.min + scale.max - value;
