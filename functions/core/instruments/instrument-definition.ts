/** Whether a higher score means better or worse wellbeing. */
export const Direction = { higherIsBetter: 'higher-is-better', lowerIsBetter: 'lower-is-better' } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

/** How item answers become the reported score. */
export const ScoringMethod = {
  /** Sum of the (reversed where needed) items. */
  sum: 'sum',
  /** Mean of the answered items. */
  mean: 'mean',
  /** Sum of the items, converted through a published table (e.g. the SWEMWBS Rasch metric score). */
  table: 'table',
} as const;
export type ScoringMethod = (typeof ScoringMethod)[keyof typeof ScoringMethod];

/** Which side of the cut-off value is a clinical case. */
export const CaseWhen = { atOrAbove: 'at-or-above', above: 'above', below: 'below', atOrBelow: 'at-or-below' } as const;
export type CaseWhen = (typeof CaseWhen)[keyof typeof CaseWhen];

/** What happens when items are missing (`null`). */
export const MissingHandling = {
  /** Score from the answered items, scaled to the full item count (sum) or averaged (mean). */
  prorate: 'prorate',
  /** The administration cannot be scored. */
  invalid: 'invalid',
} as const;
export type MissingHandling = (typeof MissingHandling)[keyof typeof MissingHandling];

/** Licence terms of an instrument. */
export const LicenceStatus = {
  free: 'free',
  freeWithRegistration: 'free-with-registration',
  freeNonCommercial: 'free-non-commercial',
  paidPerUse: 'paid-per-use',
} as const;
export type LicenceStatus = (typeof LicenceStatus)[keyof typeof LicenceStatus];

/** A closed range of numbers. */
export interface NumberRange {
  min: number;
  max: number;
}

/** The values every item accepts: `min..max` with at most `decimals` decimal places (ORS/GSRS: 1). */
export interface AnswerScale {
  min: number;
  max: number;
  decimals: number;
}

/** The scoring method and, for `table`, the score of every raw sum from `rawRange.min` upward. */
export interface Scoring {
  method: ScoringMethod;
  table?: number[] | null;
}

/** A clinical cut-off: a score on the `caseWhen` side of `value` is a case. */
export interface CutOff {
  value: number;
  caseWhen: CaseWhen;
  label: string;
}

/** A named score band; bounds are inclusive unless marked exclusive. */
export interface Band {
  label: string;
  min: number;
  max: number;
  minExclusive: boolean;
  maxExclusive: boolean;
}

/** A published reliable-change threshold in score points, or the baseline SD and reliability to derive it. */
export interface ReliableChangeRule {
  threshold?: number | null;
  sd?: number | null;
  reliability?: number | null;
}

/** How many items may be missing, and how they are handled. */
export interface MissingRule {
  maxMissing: number;
  handling: MissingHandling;
}

/** An item whose answer above `flagAbove` raises the `risk` flag (counted, never published per person). */
export interface RiskItem {
  /** 1-based item number as on the form. */
  item: number;
  flagAbove: number;
}

/** Licence terms; `requiresRecordedLicence` instruments are usable only when the deployment records a licence. */
export interface Licence {
  status: LicenceStatus;
  requiresRecordedLicence: boolean;
  note: string;
}

/** Where a number in the definition comes from; `verified: false` marks a documented default to be checked. */
export interface Provenance {
  /** The definition field the source is for, e.g. `cutOff` or `reversedItems`. */
  field: string;
  source: string;
  verified: boolean;
}

/**
 * One questionnaire, as data: item ids and scoring rules (never item wording).
 * The JSON Schema `schemas/instrument.schema.json` is generated from this type (see instrument-schema.ts).
 */
export interface InstrumentDefinition {
  $schema?: string;
  id: string;
  version: string;
  name: string;
  /** Item ids in form order; answers are given in this order. */
  items: string[];
  /** Fewest answers an administration may carry (GBO: 1 goal); equals `items.length` for fixed-length forms. */
  minItems: number;
  answers: AnswerScale;
  /** 1-based numbers of reverse-scored items. */
  reversedItems: number[];
  scoring: Scoring;
  rawRange: NumberRange;
  scoreRange: NumberRange;
  direction: Direction;
  cutOff?: CutOff | null;
  bands: Band[];
  reliableChange: ReliableChangeRule;
  missing: MissingRule;
  riskItems: RiskItem[];
  licence: Licence;
  provenance: Provenance[];
}
