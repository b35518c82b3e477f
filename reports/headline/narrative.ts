import { ALL } from '../../functions/core/figures/figure-row';
import { Messages } from '../messages';
import type { HeadlineFigure, HeadlineRow, HeadlineValue, Headlines } from './headline-figures';
import { targetMet } from './headline-text';

const exact = (v: HeadlineValue): boolean => v.state === 'shown' && v.value !== null;
const readable = (v: HeadlineValue): boolean => (v.state === 'shown' || v.state === 'perturbed') && v.value !== null;
const pct = (v: HeadlineValue): string => `${v.state === 'perturbed' ? 'about ' : ''}${Math.round((v.value ?? 0) * 100)}%`;
const of = (row: HeadlineRow | undefined, id: string): HeadlineFigure | undefined => row?.figures.find((f) => f.id === id);

// "up from 55%", "down from 60%", "as in the previous period" — only when both sides can be read.
const trend = (figure: HeadlineFigure): string => {
  if (!readable(figure.previous) || !readable(figure.current)) return '';
  const now = Math.round((figure.current.value ?? 0) * 100);
  const before = Math.round((figure.previous.value ?? 0) * 100);
  if (now === before) return ', as in the previous period';
  return `, ${now > before ? 'up' : 'down'} from ${pct(figure.previous)}`;
};

const typeName = (row: HeadlineRow): string => (row.group === ALL ? 'All group types' : `${row.label} groups`);

/**
 * A short narrative of a programme's period, generated from its headline figures only (what is hidden is never
 * worded; a perturbed share reads "about"): participation, each group type's reliable improvement with its change
 * ("Psychotherapy groups: 62% reliably improved on PHQ-9, up from 55%"), then targets and benchmarks.
 */
export const headlineNarrative = (headlines: Headlines): string[] => {
  const all = headlines.rows.find((r) => r.group === ALL);
  const lines: string[] = [];
  const participants = of(all, 'participants');
  if (participants !== undefined && readable(participants.current)) {
    const previous = readable(participants.previous) ? ` (${participants.previous.value} in the previous period)` : '';
    lines.push(`${participants.current.value} participants took part${previous}.`);
  }
  for (const row of headlines.rows) {
    const improved = of(row, 'reliable-improvement');
    if (improved === undefined || improved.instrument === undefined || !readable(improved.current)) continue;
    lines.push(`${typeName(row)}: ${pct(improved.current)} reliably improved on ${improved.instrument.name}${trend(improved)}.`);
  }
  for (const id of ['completion', 'dropout', 'reliable-improvement', 'recovery']) {
    const figure = of(all, id);
    if (figure === undefined) continue;
    const met = targetMet(figure);
    const name = `${figure.label}${figure.instrument === undefined ? '' : ` on ${figure.instrument.name}`}`;
    if (figure.target !== undefined && met !== undefined) {
      lines.push(`${name}: ${pct(figure.current)} against a target of ${figure.better === 'lower' ? 'at most' : 'at least'} ${Math.round(figure.target * 100)}% (${met ? 'met' : 'not met'}).`);
    }
    if (figure.benchmark !== undefined && figure.kind === 'rate' && exact(figure.current)) {
      const above = (figure.current.value ?? 0) >= figure.benchmark.value;
      lines.push(`${name}: ${pct(figure.current)}, ${above ? 'at or above' : 'below'} the ${figure.benchmark.label}.`);
    }
  }
  if (lines.length === 0) lines.push(Messages.noFigures);
  return lines;
};
