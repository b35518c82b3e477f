import type { ProgrammePayload } from '../schemas/api/admin';
import type { CaseWhen, Direction, MeasureType } from '../functions/core/instruments/instrument-definition';

/** A horizontal/vertical reference line drawn on a chart: on the `score` axis (a norm) or the `change` axis. */
export interface ReferenceLine {
  value: number;
  label: string;
  /** `score`: drawn on score charts (e.g. SWEMWBS population norm 23.5); `change`: on mean-change charts. */
  scale: 'score' | 'change';
}

/** What the reports need to know about an instrument (mapped from its definition by the caller). */
export interface InstrumentInfo {
  id: string;
  name: string;
  direction: Direction;
  /** `process` (GSRS group alliance): charted session by session only, never as change or recovery. Default outcome. */
  measureType?: MeasureType;
  /** Score range, for method notes and score axes. */
  scoreRange?: { min: number; max: number };
  /** Clinical cut-off and which side of it is a case (worded by `clinicalRangeWording`), for labels and method notes. */
  cutOff?: { value: number; label: string; caseWhen: CaseWhen } | null;
  /**
   * Reliable-change threshold in score points and the confidence level it is stated at (CORE-10: 0.90), for method
   * notes, reference lines and labels; worded by `reliableChangeWording` everywhere.
   */
  reliableChange?: { points: number; confidence: number } | null;
  referenceLines?: readonly ReferenceLine[];
}

/** When a participant of a programme counts as having completed (see the programme schema); default half the planned sessions. */
export interface CompletionRule {
  minSessions?: number;
  minShare?: number;
}

/** A programme as named in reports, with the rules its figures are defined by. */
export interface ProgrammeInfo {
  id: string;
  name: string;
  completion?: CompletionRule;
  targets?: ProgrammeTargets;
}

/** A programme's headline targets (shares in 0..1; drop-out a ceiling) and main instrument, as the programme schema defines them. */
export type ProgrammeTargets = NonNullable<ProgrammePayload['targets']>;

/** A funder and the programmes whose figures its reports contain. */
export interface FunderInfo {
  id: string;
  name: string;
  programmeIds: readonly string[];
}

/** Disclosure control that was applied to the figures (reported in the method notes). */
export interface DisclosurePolicy {
  /** Threshold: figures backed by fewer than k participants are suppressed. */
  k: number;
  /** Counts rounded to the nearest `rounding` (1 = no rounding). */
  rounding: number;
}

/** Everything besides the figure rows that reports are built from; supplied by the shell, never read from a clock. */
export interface ReportContext {
  /** ISO timestamp of the run: the "last updated" stamp and the PDF dates. */
  generatedAt: string;
  /** The input watermark the figures were built from (recorded in manifests). */
  watermark: string;
  programmes: readonly ProgrammeInfo[];
  funders: readonly FunderInfo[];
  policy: DisclosurePolicy;
  instruments: readonly InstrumentInfo[];
  /** Free-text suppression notes from disclosure control, printed in reports beside the derived ones. */
  suppressionNotes: readonly string[];
  /** True when the figures include the NHS Talking Therapies set (instrument `nhs_tt`): its definitions join the method notes. */
  nhsTalkingTherapies?: boolean;
}
