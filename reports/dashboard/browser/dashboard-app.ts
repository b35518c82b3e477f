/**
 * The dashboard's inline script (bundled for the browser by build-dashboard-script.ts):
 *
 *   #dashboard-data JSON ─▶ unpack rows ─▶ read filters (period, group type, instrument; mirrored in the URL hash)
 *        ─▶ instruments the chosen group types use ─▶ buildChartSet (the same builders as the published SVGs,
 *        charts with nothing to draw left out) ─▶ vegaEmbed each spec ─▶ figures table (and its CSV download)
 */
import { GROUP_TYPES, isGroupType } from '../../../functions/core/group-type';
import type { GroupType } from '../../../functions/core/group-type';
import { buildChartSet } from '../../charts/chart-set';
import { Messages } from '../../messages';
import { periodLabel } from '../../period-label';
import type { DashboardData } from '../dashboard-data';
import { unpackRows } from '../dashboard-data';
import { figureTableRows, groupOrder } from '../figure-table-rows';
import { figuresCsv } from '../../../functions/core/figures/figures-csv';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import type { InstrumentInfo } from '../../report-context';
import { headlineFigures } from '../../headline/headline-figures';
import { headlineHtml } from '../headline-html';
import { trendChart } from '../trend-chart';

interface EmbedResult { view: { finalize: () => void } }
type VegaEmbed = (el: HTMLElement, spec: unknown, options: unknown) => Promise<EmbedResult>;

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`missing #${id}`);
  return el as T;
};

const start = (): void => {
  const data = JSON.parse(byId('dashboard-data').textContent ?? '{}') as DashboardData;
  const rows = unpackRows(data.rows);
  const embed = (window as unknown as { vegaEmbed: VegaEmbed }).vegaEmbed;
  const period = byId<HTMLSelectElement>('filter-period');
  const group = byId<HTMLSelectElement>('filter-group');
  const instrument = byId<HTMLSelectElement>('filter-instrument');
  const charts = byId('charts');
  const tableBody = byId('figures-body');
  const summary = byId('filter-summary');
  const periodOpen = byId('period-open');
  const glance = byId('glance');
  const trend = byId('trend-chart');
  let trendView: EmbedResult | undefined;
  let trendGroup: string | undefined;
  let views: EmbedResult[] = [];
  let shown: FigureRow[] = [];

  const selectIfPresent = (select: HTMLSelectElement, value: string | null): void => {
    if (value !== null && [...select.options].some((o) => o.value === value)) select.value = value;
  };

  // Only the instruments the chosen group types have figures for in the period are offered (and charted).
  const instrumentsInUse = (): InstrumentInfo[] => data.instruments.filter((i) => rows.some((r) =>
    r.instrument === i.id && r.period === period.value && r.programme_id === data.programmeId && (group.value === '' || r.group_type === group.value)));
  const refreshInstrumentOptions = (): void => {
    const keep = instrument.value;
    const first = instrument.options[0];
    instrument.replaceChildren(...(first === undefined ? [] : [first]), ...instrumentsInUse().map((i) => new Option(i.name, i.id)));
    selectIfPresent(instrument, keep);
  };

  const fromHash = (): void => {
    const params = new URLSearchParams(location.hash.slice(1));
    selectIfPresent(period, params.get('period'));
    selectIfPresent(group, params.get('group'));
    refreshInstrumentOptions();
    selectIfPresent(instrument, params.get('instrument'));
  };

  const drawCharts = (groupTypes: readonly GroupType[], instruments: readonly InstrumentInfo[]): void => {
    for (const view of views) view.view.finalize();
    views = [];
    const set = buildChartSet(rows, { period: period.value, programmeId: data.programmeId, scopeLabel: data.scopeLabel, groupTypes, instruments })
      // a chart with nothing to draw for this selection is left out, not shown as an empty card
      .filter((chart) => !String((chart.spec as { description?: unknown }).description ?? '').endsWith(Messages.noFigures));
    if (set.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = Messages.noFiguresFor(group.selectedOptions[0]?.textContent ?? '');
      charts.replaceChildren(empty);
      return;
    }
    charts.replaceChildren();
    for (const chart of set) {
      const figure = document.createElement('figure');
      figure.className = 'chart';
      figure.dataset.chart = chart.name;
      const target = document.createElement('div');
      figure.append(target);
      charts.append(figure);
      embed(target, chart.spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
        .then((result) => {
          views.push(result);
          target.querySelector('details > summary')?.setAttribute('aria-label', `${Messages.chartActions}: ${chart.title}`);
          // One image named by its title and description; its marks are hidden from assistive technology (unnamed
          // graphics symbols by the hundred), and the figures table below holds every value they draw.
          const svg = target.querySelector('svg');
          svg?.setAttribute('role', 'img');
          svg?.setAttribute('aria-label', `${chart.title}. ${String((chart.spec as { description?: unknown }).description ?? '')}`);
          svg?.querySelectorAll(':scope > g').forEach((g) => g.setAttribute('aria-hidden', 'true'));
          figure.dataset.rendered = 'true';
        })
        .catch((error: unknown) => { figure.dataset.rendered = 'error'; target.textContent = 'This chart could not be drawn.'; console.error(error); });
    }
  };

  // The trend does not depend on the period: it is redrawn only when the group type changes.
  const drawTrend = (groupTypes: readonly GroupType[]): void => {
    if (trendGroup === group.value) return;
    trendGroup = group.value;
    trendView?.view.finalize();
    trendView = undefined;
    const figure = document.createElement('figure');
    // not a figure.chart: the period's chart set stays what it was, and the trend is its own block
    figure.className = 'trend-chart';
    const target = document.createElement('div');
    figure.append(target);
    trend.replaceChildren(figure);
    const spec = trendChart(rows, { programmeId: data.programmeId, scopeLabel: data.scopeLabel, periods: data.periods, instruments: data.instruments, groupTypes, ...(data.targets !== undefined && { targets: data.targets }) });
    embed(target, spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
      .then((result) => {
        trendView = result;
        target.querySelector('details > summary')?.setAttribute('aria-label', `${Messages.chartActions}: ${Messages.trendsTitle}`);
        const svg = target.querySelector('svg');
        svg?.setAttribute('role', 'img');
        svg?.setAttribute('aria-label', String((spec as { description?: unknown }).description ?? Messages.trendsTitle));
        svg?.querySelectorAll(':scope > g').forEach((g) => g.setAttribute('aria-hidden', 'true'));
        figure.dataset.rendered = 'true';
      })
      .catch((error: unknown) => { figure.dataset.rendered = 'error'; target.textContent = 'This chart could not be drawn.'; console.error(error); });
  };

  const drawTable = (): void => {
    const tableRows = figureTableRows(shown, data.instruments);
    if (tableRows.length === 0) {
      const td = document.createElement('td');
      td.colSpan = 8;
      td.className = 'empty';
      td.textContent = Messages.noFigures;
      const tr = document.createElement('tr');
      tr.append(td);
      tableBody.replaceChildren(tr);
      return;
    }
    tableBody.replaceChildren(...tableRows.map((row) => {
      const tr = document.createElement('tr');
      if (row.suppressed) tr.className = 'suppressed';
      for (const [i, text] of [row.group, row.instrument, row.metric, row.value, row.ci, row.n, row.groups, row.reason].entries()) {
        const td = document.createElement('td');
        if (i === 2 && row.term !== undefined) {
          const a = document.createElement('a');
          a.href = `#term-${row.term}`;
          a.textContent = text;
          td.append(a);
        } else td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
  };

  const render = (): void => {
    refreshInstrumentOptions();
    const groupTypes: readonly GroupType[] = isGroupType(group.value) ? [group.value] : GROUP_TYPES;
    const inUse = instrumentsInUse();
    const instruments = instrument.value === '' ? inUse : inUse.filter((i) => i.id === instrument.value);
    history.replaceState(null, '', `#${new URLSearchParams({ period: period.value, group: group.value, instrument: instrument.value }).toString()}`);
    summary.textContent = `Showing ${periodLabel(period.value)} · ${group.selectedOptions[0]?.textContent ?? ''} · ${instrument.selectedOptions[0]?.textContent ?? ''}`;
    periodOpen.hidden = !data.openPeriods.includes(period.value);
    periodOpen.textContent = periodOpen.hidden ? '' : Messages.periodOpenNote(periodLabel(period.value), data.asOf);
    const headlines = headlineFigures(rows, { programmeId: data.programmeId, period: period.value, instruments: data.instruments, ...(data.targets !== undefined && { targets: data.targets }) });
    glance.innerHTML = headlineHtml(headlines, isGroupType(group.value) ? group.value : '');
    drawTrend(groupTypes);
    drawCharts(groupTypes, instruments);
    shown = rows
      .filter((r) => r.period === period.value && r.programme_id === data.programmeId)
      .filter((r) => group.value === '' || r.group_type === group.value)
      .filter((r) => r.instrument === '' || instrument.value === '' || r.instrument === instrument.value)
      .sort((a, b) => groupOrder(a.group_type) - groupOrder(b.group_type) || a.instrument.localeCompare(b.instrument));
    drawTable();
  };

  // The CSV holds exactly the published rows of the table's selection (session figures included), as figures.csv does.
  const download = (): void => {
    const blob = new Blob([figuresCsv(shown)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    const part = (value: string): string => (value === '' ? 'all' : value.replace(/[^A-Za-z0-9-]/g, '_'));
    a.download = `figures-${part(data.programmeId === '*' ? 'all-programmes' : data.programmeId)}-${part(period.value)}-${part(group.value)}-${part(instrument.value)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
  };

  fromHash();
  for (const select of [period, group, instrument]) select.addEventListener('change', render);
  window.addEventListener('hashchange', () => { fromHash(); render(); });
  byId('download-csv').addEventListener('click', download);
  render();
};

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
