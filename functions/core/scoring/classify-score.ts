import type { Band, CutOff } from '../instruments/instrument-definition';

const inBand = (band: Band, score: number): boolean =>
  (band.minExclusive ? score > band.min : score >= band.min) && (band.maxExclusive ? score < band.max : score <= band.max);

/** The label of the first band containing the score, or null when no band does. */
export const findBand = (bands: readonly Band[], score: number): string | null => {
  for (const band of bands) if (inBand(band, score)) return band.label;
  return null;
};

/** Tells whether a score is on the clinical side of the cut-off. */
export const isCase = (cutOff: CutOff, score: number): boolean => {
  switch (cutOff.caseWhen) {
    case 'at-or-above': return score >= cutOff.value;
    case 'above': return score > cutOff.value;
    case 'below': return score < cutOff.value;
    case 'at-or-below': return score <= cutOff.value;
  }
};
