import { ALL } from '../../functions/core/figures/figure-row';
import type { GroupKey } from '../charts/chart-data';
import { escapeHtml } from '../html/escape-html';
import { Messages } from '../messages';
import { periodLabel } from '../period-label';
import type { HeadlineFigure, Headlines } from '../headline/headline-figures';
import { changeText, headlineValueText, targetMet, targetText } from '../headline/headline-text';

const percent = (share: number): string => `${Math.max(0, Math.min(100, share * 100)).toFixed(1)}%`;

// A rate's bar: the value filled, the target and the benchmark as ticks (their words are printed beside it).
const bar = (figure: HeadlineFigure): string => {
  if (figure.kind !== 'rate') return '';
  const fill = figure.current.value === null ? '' : `<span class="kpi-fill" style="width:${percent(figure.current.value)}"></span>`;
  const target = figure.target === undefined ? '' : `<span class="kpi-mark kpi-target-mark" style="left:${percent(figure.target)}"></span>`;
  const benchmark = figure.benchmark === undefined ? '' : `<span class="kpi-mark kpi-benchmark-mark" style="left:${percent(figure.benchmark.value)}"></span>`;
  return `<div class="kpi-bar" aria-hidden="true">${fill}${target}${benchmark}</div>`;
};

const basis = (figure: HeadlineFigure): string => {
  const { current } = figure;
  if (current.state === 'hidden') return `<a href="#term-suppressed">${Messages.headlineHidden}</a>`;
  if (current.state === 'missing') return Messages.headlineMissing;
  const size = current.n === null ? '' : `n = ${current.n}${current.groups === null ? '' : ` · ${current.groups} ${current.groups === 1 ? 'group' : 'groups'}`}`;
  return `${escapeHtml(size)}${current.state === 'perturbed' ? ` · <a href="#term-perturbed">${Messages.headlinePerturbed}</a>` : ''}`;
};

const tile = (figure: HeadlineFigure, previousPeriod: string): string => {
  const met = targetMet(figure);
  const target = targetText(figure);
  const on = figure.instrument === undefined ? '' : ` <span class="kpi-instrument">${escapeHtml(figure.instrument.name)}</span>`;
  return `<li class="kpi" data-kpi="${figure.id}" data-state="${figure.current.state}">`
    + `<p class="kpi-label"><a href="#term-${figure.term}">${escapeHtml(figure.label)}</a>${on}</p>`
    + `<p class="kpi-value">${escapeHtml(headlineValueText(figure.kind, figure.current))}</p>`
    + `<p class="kpi-basis">${basis(figure)}</p>${bar(figure)}`
    + `<p class="kpi-change">${escapeHtml(changeText(figure, previousPeriod))}</p>`
    + (target === '' ? '' : `<p class="kpi-target${met === undefined ? '' : met ? ' met' : ' missed'}"><span class="kpi-key kpi-target-mark"></span>${escapeHtml(target)}</p>`)
    + (figure.benchmark === undefined ? '' : `<p class="kpi-benchmark" title="${escapeHtml(figure.benchmark.source)}"><span class="kpi-key kpi-benchmark-mark"></span>Benchmark: ${escapeHtml(figure.benchmark.label)}</p>`)
    + '</li>';
};

/**
 * The at-a-glance block of a dashboard: tiles for the selected group type (or all types), then every group type
 * side by side with the previous period. Values come from `headlineFigures` (published rows only).
 */
export const headlineHtml = (headlines: Headlines, selected: GroupKey | ''): string => {
  const row = headlines.rows.find((r) => r.group === (selected === '' ? ALL : selected)) ?? headlines.rows[0];
  if (row === undefined) return `<p>${Messages.noFigures}</p>`;
  const on = headlines.main === undefined ? ''
    : ` Outcomes on ${escapeHtml(headlines.main.name)}${headlines.clinical !== undefined && headlines.clinical !== headlines.main ? `, recovery on ${escapeHtml(headlines.clinical.name)} (${escapeHtml(headlines.main.name)} has no clinical cut-off)` : ''}.`;
  const columns = row.figures.map((f) => `<th scope="col">${escapeHtml(f.label)}${f.instrument === undefined ? '' : ` (${escapeHtml(f.instrument.name)})`}</th>`).join('');
  const body = headlines.rows.map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th>${r.figures.map((f) =>
    `<td data-kpi="${f.id}">${escapeHtml(headlineValueText(f.kind, f.current))}<br><span class="kpi-previous">${escapeHtml(headlineValueText(f.kind, f.previous))} before</span></td>`).join('')}</tr>`).join('');
  return `<p class="glance-lead">${escapeHtml(row.label)}, ${escapeHtml(periodLabel(headlines.period))}, against ${escapeHtml(periodLabel(headlines.previousPeriod))}.${on}</p>`
    + `<ul class="kpis">${row.figures.map((f) => tile(f, headlines.previousPeriod)).join('')}</ul>`
    + `<h3 id="glance-by-type">By group type</h3>`
    + `<div class="table-wrap glance-table" tabindex="0" role="region" aria-labelledby="glance-by-type"><table><thead><tr><th scope="col">Group type</th>${columns}</tr></thead><tbody>${body}</tbody></table></div>`;
};
