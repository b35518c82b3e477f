import { Messages } from '../messages';
import { periodLabel } from '../period-label';
import type { HeadlineFigure, HeadlineValue } from './headline-figures';

const number = (kind: HeadlineFigure['kind'], value: number): string =>
  kind === 'rate' ? `${Math.round(value * 100)}%` : kind === 'score' ? value.toFixed(1) : String(Math.round(value));

/** A headline value as text: `62%`, `≈ 14%` when perturbed, `suppressed` when hidden (never a value), `–` when missing. */
export const headlineValueText = (kind: HeadlineFigure['kind'], value: HeadlineValue): string => {
  if (value.state === 'hidden') return Messages.suppressedMark;
  if (value.state === 'missing' || value.value === null) return '–';
  return `${value.state === 'perturbed' ? `${Messages.perturbedMark} ` : ''}${number(kind, value.value)}`;
};

/**
 * The change against the previous period, worded: `up 7 points from 55% (Oct–Dec 2025 (Q4))`, `≈` when either
 * side is perturbed, or what the previous period had instead (suppressed, no figures).
 */
export const changeText = (figure: HeadlineFigure, previousPeriod: string): string => {
  const label = periodLabel(previousPeriod);
  const { current, previous } = figure;
  if (previous.state === 'hidden') return `${label}: ${Messages.suppressedMark}`;
  if (previous.state === 'missing' || previous.value === null) return `${label}: no figures`;
  const before = headlineValueText(figure.kind, previous);
  if (current.value === null || (current.state !== 'shown' && current.state !== 'perturbed')) return `${label}: ${before}`;
  const approx = current.state === 'perturbed' || previous.state === 'perturbed' ? `${Messages.perturbedMark} ` : '';
  const delta = figure.kind === 'rate' ? Math.round(current.value * 100) - Math.round(previous.value * 100)
    : figure.kind === 'score' ? Number((current.value - previous.value).toFixed(1)) : Math.round(current.value - previous.value);
  if (delta === 0) return `${approx}same as ${label} (${before})`;
  const size = figure.kind === 'rate' ? `${Math.abs(delta)} ${Math.abs(delta) === 1 ? 'point' : 'points'}` : figure.kind === 'score' ? Math.abs(delta).toFixed(1) : String(Math.abs(delta));
  return `${approx}${delta > 0 ? 'up' : 'down'} ${size} from ${before} (${label})`;
};

/** Whether the current value meets the programme's target; undefined without a target or an exact value. */
export const targetMet = (figure: HeadlineFigure): boolean | undefined => {
  if (figure.target === undefined || figure.current.state !== 'shown' || figure.current.value === null) return undefined;
  return figure.better === 'lower' ? figure.current.value <= figure.target : figure.current.value >= figure.target;
};

/** `Target: at least 70% (met)`, `Target: at most 20% (not met)`, or `` without a target. */
export const targetText = (figure: HeadlineFigure): string => {
  if (figure.target === undefined) return '';
  const met = targetMet(figure);
  const status = met === undefined ? (figure.current.state === 'perturbed' ? ' (cannot tell: the figure is not exact)' : '') : met ? ' (met)' : ' (not met)';
  return `Target: ${figure.better === 'lower' ? 'at most' : 'at least'} ${number(figure.kind, figure.target)}${status}`;
};
