import type { FigureRow } from './figure-row';
import { Metric } from './metric';

/** Participation headlines of a cell (instrument ''): what every report opens with. */
export const PARTICIPATION_HEADLINES: readonly string[] = [Metric.participants, Metric.attendanceRate, Metric.completionRate, Metric.dropoutRate];

/** Outcome headlines of a cell, per instrument: mean change (with its interval), reliable change and recovery. */
export const OUTCOME_HEADLINES: readonly string[] = [Metric.meanChange, Metric.reliablyImproved, Metric.reliablyDeteriorated, Metric.recoveryRate];

const HEADLINES: ReadonlySet<string> = new Set([...PARTICIPATION_HEADLINES, ...OUTCOME_HEADLINES]);

/**
 * Whether a figure is a headline figure: disclosure control hides other figures as complements first, and the
 * bench measures utility on this set (per quarter × programme and `*` × group type and `*`).
 */
export const isHeadline = (row: Pick<FigureRow, 'metric'>): boolean => HEADLINES.has(row.metric);
