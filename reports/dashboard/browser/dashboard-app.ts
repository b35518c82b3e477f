/**
 * The dashboard's inline script (bundled for the browser by build-dashboard-script.ts):
 *
 *   #dashboard-data JSON ─▶ unpack rows ─▶ read filters (period, group type, instrument; mirrored in the URL hash)
 *        ─▶ buildChartSet (the same builders as the published SVGs) ─▶ vegaEmbed each spec ─▶ figures table
 */
import { GROUP_TYPES, isGroupType } from '../../../functions/core/group-type';
import type { GroupType } from '../../../functions/core/group-type';
import { buildChartSet } from '../../charts/chart-set';
import { Messages } from '../../messages';
import { periodLabel } from '../../period-label';
import type { DashboardData } from '../dashboard-data';
import { unpackRows } from '../dashboard-data';
import { figureTableRows, groupOrder } from '../figure-table-rows';

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
  let views: EmbedResult[] = [];

  const fromHash = (): void => {
    const params = new URLSearchParams(location.hash.slice(1));
    const set = (select: HTMLSelectElement, value: string | null): void => {
      if (value !== null && [...select.options].some((o) => o.value === value)) select.value = value;
    };
    set(period, params.get('period'));
    set(group, params.get('group'));
    set(instrument, params.get('instrument'));
  };

  const render = (): void => {
    const groupTypes: readonly GroupType[] = isGroupType(group.value) ? [group.value] : GROUP_TYPES;
    const instruments = instrument.value === '' ? data.instruments : data.instruments.filter((i) => i.id === instrument.value);
    history.replaceState(null, '', `#${new URLSearchParams({ period: period.value, group: group.value, instrument: instrument.value }).toString()}`);
    summary.textContent = `Showing ${periodLabel(period.value)} · ${group.selectedOptions[0]?.textContent ?? ''} · ${instrument.selectedOptions[0]?.textContent ?? ''}`;
    for (const view of views) view.view.finalize();
    views = [];
    charts.replaceChildren();
    const set = buildChartSet(rows, { period: period.value, programmeId: data.programmeId, scopeLabel: data.scopeLabel, groupTypes, instruments });
    for (const chart of set) {
      const figure = document.createElement('figure');
      figure.className = 'chart';
      figure.dataset.chart = chart.name;
      const target = document.createElement('div');
      figure.append(target);
      charts.append(figure);
      embed(target, chart.spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
        .then((result) => { views.push(result); figure.dataset.rendered = 'true'; })
        .catch((error: unknown) => { figure.dataset.rendered = 'error'; target.textContent = 'This chart could not be drawn.'; console.error(error); });
    }
    const shown = rows
      .filter((r) => r.period === period.value && r.programme_id === data.programmeId)
      .filter((r) => group.value === '' || r.group_type === group.value)
      .filter((r) => r.instrument === '' || instrument.value === '' || r.instrument === instrument.value)
      .sort((a, b) => groupOrder(a.group_type) - groupOrder(b.group_type) || a.instrument.localeCompare(b.instrument));
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
      for (const text of [row.group, row.instrument, row.metric, row.value, row.ci, row.n, row.groups, row.reason]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
  };

  fromHash();
  for (const select of [period, group, instrument]) select.addEventListener('change', render);
  render();
};

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
