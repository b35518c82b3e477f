import type { CaseWhen } from './instrument-definition';

/** How the clinical side of a cut-off is named in labels, charts and reports. */
export interface ClinicalRangeWording {
  /** `above` or `below`: where the clinical range lies; null when the instrument has no cut-off. */
  side: 'above' | 'below' | null;
  /** "below cut-off (clinical range)". */
  range: string;
  /** "Below cut-off (clinical range) at start": the cases at start. */
  atStart: string;
  /** "Still below cut-off (clinical range)": cases at start who did not recover. */
  still: string;
}

const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * The one wording of the clinical range, from the side of the cut-off that is a case: for higher-is-better
 * instruments (ORS, WEMWBS, GSRS) the clinical range is below the cut-off, never "above".
 * @example clinicalRangeWording('below').atStart === 'Below cut-off (clinical range) at start'
 */
export const clinicalRangeWording = (caseWhen: CaseWhen | null | undefined): ClinicalRangeWording => {
  const side = caseWhen === undefined || caseWhen === null ? null : caseWhen === 'at-or-above' || caseWhen === 'above' ? 'above' : 'below';
  const range = side === null ? 'in the clinical range' : `${side} cut-off (clinical range)`;
  return { side, range, atStart: `${capitalise(range)} at start`, still: `Still ${range}` };
};
