import type { InstrumentDefinition } from './instrument-definition';
import { Messages } from './messages';

/** One problem with one answer; `item` is the 0-based index into the answers. */
export interface AnswerProblem {
  item: number;
  message: string;
}

/**
 * Tells whether a number lies exactly on the instrument's answer scale: within the range and exactly one of its
 * grid values (an integer, or a multiple of 0.1 for one-decimal scales such as ORS). A grid value is the double
 * nearest to its decimal (the one `JSON.parse('7.1')` gives), so an answer is on the grid only when it equals
 * `round(value × 10^decimals) / 10^decimals`. No tolerance: `1e-300` or `1.00000001` are not answers anyone
 * gave on a form, and a denormal such as `5e-324` cannot even be stored by DynamoDB.
 */
export const isOnScale = (def: InstrumentDefinition, value: number): boolean => {
  const { min, max, decimals } = def.answers;
  if (!Number.isFinite(value) || value < min || value > max) return false;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale === value;
};

/**
 * Every problem with one administration's answers (empty when valid): count, scale, decimals and the missing-item rule.
 * A missing answer is `null`; forms with a variable number of items (GBO) may also be shorter.
 */
export const checkAnswers = (def: InstrumentDefinition, items: readonly unknown[]): AnswerProblem[] => {
  const problems: AnswerProblem[] = [];
  const expected = def.items.length;
  if (items.length < def.minItems) problems.push({ item: items.length, message: Messages.tooFewItems(def, items.length) });
  for (let i = expected; i < items.length; i += 1) problems.push({ item: i, message: Messages.tooManyItems(def, i) });

  const nulls: number[] = [];
  const given = Math.min(items.length, expected);
  for (let i = 0; i < given; i += 1) {
    const value = items[i];
    if (value === null) nulls.push(i);
    else if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ item: i, message: Messages.notANumber(def, i, value) });
    else if (!isOnScale(def, value)) problems.push({ item: i, message: Messages.outOfScale(def, i, value) });
  }

  const missing = nulls.length + Math.max(0, expected - Math.max(items.length, def.minItems));
  const tolerated = def.missing.handling === 'invalid' ? 0 : def.missing.maxMissing;
  const nothingAnswered = nulls.length === given && given > 0;
  if (missing > tolerated || nothingAnswered) {
    for (const i of nulls) {
      const message = tolerated === 0 ? Messages.missingNotAllowed(def, i) : Messages.tooManyMissing(def, i, missing);
      problems.push({ item: i, message });
    }
  }
  return problems.sort((a, b) => a.item - b.item);
};
