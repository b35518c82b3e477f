import { checkAnswers } from '../instruments/check-answers';
import type { InstrumentDefinition } from '../instruments/instrument-definition';
import { findBand, isCase } from './classify-score';
import { InvalidAnswerError } from './invalid-answer-error';
import { reverseAnswer } from './reverse-answer';
import { riskFlags } from './risk-flags';
import { ScoreFlag } from './score-flag';

/** The score of one administration of one instrument. `band` and `case` are present only where the instrument has them. */
export interface ScoredAdministration {
  instrument: string;
  version: string;
  /** Sum of the (reversed) item answers, prorated where the instrument allows missing items. */
  rawScore: number;
  /** The reported score: the sum, the mean (BRS, GBO) or the converted score (SWEMWBS metric score). */
  score: number;
  band?: string;
  case?: boolean;
  flags: string[];
}

/**
 * Scores one administration; throws InvalidAnswerError naming the first bad item.
 * @example scoreAdministration(getInstrument('phq9'), [1, 1, 1, 1, 1, 1, 1, 1, 0]).score === 8
 */
export const scoreAdministration = (def: InstrumentDefinition, items: readonly (number | null)[]): ScoredAdministration => {
  const problems = checkAnswers(def, items);
  const [first, ...rest] = problems;
  if (first !== undefined) throw new InvalidAnswerError([first, ...rest]);

  // Sum on the integer grid of the answer scale so one-decimal answers (ORS) add up without float noise.
  const scale = 10 ** def.answers.decimals;
  const reversed = def.reversedItems;
  let scaledSum = 0;
  let answered = 0;
  for (let i = 0; i < items.length; i += 1) {
    const value = items[i];
    if (typeof value !== 'number') continue;
    const itemNumber = i + 1;
    scaledSum += Math.round((reversed.includes(itemNumber) ? reverseAnswer(def.answers, value) : value) * scale);
    answered += 1;
  }

  const sum = scaledSum / scale;
  const itemCount = def.items.length;
  // Variable-length forms (GBO) average over the goals set; fixed forms prorate missing items to the full count.
  const prorated = answered < itemCount && def.minItems === itemCount;
  const rawScore = prorated ? (sum * itemCount) / answered : sum;
  const score = def.scoring.method === 'mean' ? sum / answered : reportedScore(def, rawScore);

  const flags: string[] = [];
  if (prorated) flags.push(ScoreFlag.prorated);
  if (riskFlags(def, items).length > 0) flags.push(ScoreFlag.risk);
  const band = findBand(def.bands, score);
  const cutOff = def.cutOff ?? null;
  // Keys in the documented order: instrument, version, rawScore, score, band, case, flags.
  return {
    instrument: def.id,
    version: def.version,
    rawScore,
    score,
    ...(band === null ? {} : { band }),
    ...(cutOff === null ? {} : { case: isCase(cutOff, score) }),
    flags,
  };
};

// The score of a sum or table instrument; a prorated raw sum is rounded half up to the nearest table row.
const reportedScore = (def: InstrumentDefinition, rawScore: number): number => {
  if (def.scoring.method !== 'table') return rawScore;
  const row = (def.scoring.table ?? [])[Math.floor(rawScore + 0.5) - def.rawRange.min];
  if (row === undefined) throw new RangeError(`${def.id}: raw score ${rawScore} is outside its conversion table`);
  return row;
};
