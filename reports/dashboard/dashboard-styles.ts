/** The dashboard's inline stylesheet (no external CSS, so the page works offline and behind a presigned link). */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1f1f1f; --muted: #555; --line: #d9d9d9; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: var(--ink); background: #fafafa; line-height: 1.45; }
header { background: white; border-bottom: 1px solid var(--line); padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 1.5rem; }
.stamp { color: var(--muted); font-size: 0.9rem; margin: 0; }
nav ul { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav a { color: var(--accent); }
main { padding: 16px 24px 48px; max-width: 1800px; }
form.filters { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: end; background: white; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; position: sticky; top: 0; z-index: 2; }
form.filters label { display: flex; flex-direction: column; font-size: 0.85rem; font-weight: bold; gap: 4px; }
form.filters select { font: inherit; font-weight: normal; padding: 4px 8px; min-width: 12rem; }
#filter-summary { color: var(--muted); font-size: 0.9rem; margin: 8px 0 0; }
#charts { display: flex; flex-wrap: wrap; gap: 16px; margin-top: 16px; align-items: flex-start; }
figure.chart { margin: 0; flex: 0 1 auto; max-width: 100%; min-width: 0; background: white; border: 1px solid var(--line); border-radius: 6px; padding: 8px; min-height: 120px; }
/* Charts scale down to the width available (vega's SVG has a viewBox), so nothing is cut off on a phone. */
figure.chart .vega-embed, figure.trend-chart .vega-embed { display: block; max-width: 100%; }
figure.chart svg, figure.trend-chart svg { display: block; max-width: 100%; height: auto; }
figure.trend-chart { margin: 0; display: inline-block; max-width: 100%; background: white; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.period-open { background: #fff3cd; border-left: 4px solid #E69F00; padding: 6px 10px; margin: 8px 0 0; }
button { font: inherit; padding: 6px 12px; border: 1px solid var(--accent); border-radius: 4px; background: white; color: var(--accent); cursor: pointer; }
button:focus-visible, a:focus-visible, select:focus-visible, .table-wrap:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
dl.terms { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 8px 24px; margin: 0; }
dl.terms dt { font-weight: bold; }
dl.terms dd { margin: 0; color: var(--ink); }
dl.terms div:target { background: #fff3cd; }
td a { color: inherit; }
#at-a-glance h2 { margin-top: 16px; }
.glance-lead { color: var(--muted); margin: 0 0 8px; }
ul.kpis { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 12px; }
li.kpi { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
li.kpi p { margin: 0 0 4px; font-size: 0.85rem; }
.kpi-label a { color: var(--ink); font-weight: bold; }
.kpi-instrument { color: var(--muted); }
li.kpi p.kpi-value { font-size: 1.9rem; font-weight: bold; margin: 2px 0; font-variant-numeric: tabular-nums; }
li.kpi[data-state="hidden"] p.kpi-value, li.kpi[data-state="missing"] p.kpi-value { font-size: 1.2rem; color: var(--muted); font-style: italic; }
.kpi-basis, .kpi-change, .kpi-previous { color: var(--muted); }
.kpi-bar { position: relative; height: 10px; background: #EEEEEE; border-radius: 5px; margin: 6px 0; }
.kpi-fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--accent); border-radius: 5px; }
.kpi-mark { position: absolute; top: -4px; bottom: -4px; width: 3px; margin-left: -1px; }
.kpi-key { display: inline-block; position: static; width: 10px; height: 10px; margin-right: 6px; vertical-align: -1px; }
.kpi-target-mark { background: #1f1f1f; }
.kpi-benchmark-mark { background: #D55E00; }
.kpi-target.met { color: #00613F; }
.kpi-target.missed { color: #A33A00; }
.glance-table { max-height: none; }
.glance-table td { text-align: right; font-variant-numeric: tabular-nums; }
.glance-table td:nth-child(n) { text-align: right; }
h2 { margin: 32px 0 8px; font-size: 1.2rem; }
table { border-collapse: collapse; background: white; font-size: 0.85rem; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: #f0f0f0; }
td:nth-child(4), td:nth-child(6), td:nth-child(7) { text-align: right; font-variant-numeric: tabular-nums; }
tr.suppressed td { color: var(--muted); font-style: italic; }
td.empty { color: var(--muted); font-style: italic; text-align: center; padding: 12px; }
.table-wrap { max-height: 32rem; overflow: auto; border: 1px solid var(--line); }
.notes li { margin-bottom: 4px; }
noscript p { background: #fff3cd; padding: 8px; }
@media (max-width: 600px) {
  header, main { padding-left: 12px; padding-right: 12px; }
  form.filters { position: static; }
  form.filters label, form.filters select { width: 100%; min-width: 0; }
  #charts { display: block; }
  figure.chart { margin-bottom: 12px; }
}
`;
