/** Whether a higher score means better or worse wellbeing. */
export const Direction = { higherIsBetter: 'higher-is-better', lowerIsBetter: 'lower-is-better' } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

/**
 * What an instrument measures: an `outcome` (change from first to last score is the result) or a `process` measured
 * session by session (GSRS/SRS group alliance), for which recovery, reliable change and mean change mean nothing.
 */
export const MeasureType = { outcome: 'outcome', process: 'process' } as const;
export type MeasureType = (typeof MeasureType)[keyof typeof MeasureType];

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

/**
 * How far a value's source has been checked: `verified` only when a primary source (the instrument's paper or the
 * owner's manual) was read for exactly this value; `secondary` when it rests on calculator sites, third-party code or
 * copies; `unverified` otherwise (a project default, or a citation nobody has checked).
 */
export const SourceStatus = { verified: 'verified', secondary: 'secondary', unverified: 'unverified' } as const;
export type SourceStatus = (typeof SourceStatus)[keyof typeof SourceStatus];

/** Where one value of a definition comes from, and how far that has been checked. */
export interface Source {
  citation: string;
  status: SourceStatus;
}

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
  /** Source of the scoring rule and, for `table`, of the conversion table. */
  source: Source;
}

/** A clinical cut-off: a score on the `caseWhen` side of `value` is a case. */
export interface CutOff {
  value: number;
  caseWhen: CaseWhen;
  label: string;
  source: Source;
}

/** A named score band; bounds are inclusive unless marked exclusive. */
export interface Band {
  label: string;
  min: number;
  max: number;
  minExclusive: boolean;
  maxExclusive: boolean;
  source: Source;
}

/** Confidence levels a reliable-change threshold may be stated at (Jacobson & Truax: 95 %). */
export const ReliableChangeConfidence = { ninety: 0.9, ninetyFive: 0.95 } as const;
export type ReliableChangeConfidence = (typeof ReliableChangeConfidence)[keyof typeof ReliableChangeConfidence];

/**
 * A configured reliable-change threshold in score points, or the baseline SD and reliability to derive it (at 95 %),
 * with the confidence level the threshold is stated at.
 */
export interface ReliableChangeRule {
  threshold?: number | null;
  sd?: number | null;
  reliability?: number | null;
  /** The confidence level of the threshold: 0.95 for a derived one; CORE-10's published 6 points is at 0.90. */
  confidence: ReliableChangeConfidence;
  source: Source;
}

/** How many items may be missing, and how they are handled. */
export interface MissingRule {
  maxMissing: number;
  handling: MissingHandling;
  source: Source;
}

/** An item whose answer above `flagAbove` raises a risk flag (returned to the clinic, counted, never published). */
export interface RiskItem {
  /** 1-based item number as on the form. */
  item: number;
  flagAbove: number;
  /** Machine-readable name of the flag, e.g. `phq9-item9-self-harm`. */
  flag: string;
  /** What an answer above the threshold means, for the clinic (never the item wording). */
  meaning: string;
  source: Source;
}

/** Licence terms; `requiresRecordedLicence` instruments are usable only when the deployment records a licence. */
export interface Licence {
  status: LicenceStatus;
  requiresRecordedLicence: boolean;
  note: string;
  source: Source;
}

/** The source of a definition field that cannot carry its own (`reversedItems`, `items`, an absent cut-off). */
export interface Provenance extends Source {
  /** The definition field the source is for, e.g. `reversedItems`. */
  field: string;
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
  measureType: MeasureType;
  cutOff?: CutOff | null;
  bands: Band[];
  reliableChange: ReliableChangeRule;
  missing: MissingRule;
  riskItems: RiskItem[];
  licence: Licence;
  provenance: Provenance[];
}
