import { GROUP_TYPES, GROUP_TYPE_LABEL } from '../../functions/core/group-type';
import { ALL } from '../../functions/core/figures/figure-row';
import type { FigureRow, Period } from '../../functions/core/figures/figure-row';
import { escapeHtml, formatTimestamp, inlineScript, jsonForScript } from '../html/escape-html';
import { Messages } from '../messages';
import { periodFirstDay, periodKind, periodLastDay } from '../../functions/core/periods/reporting-period';
import { comparePeriods, periodLabel } from '../period-label';
import type { ReportContext } from '../report-context';
import type { DashboardAssets } from './dashboard-assets';
import type { DashboardData } from './dashboard-data';
import { packRows } from './dashboard-data';
import { methodNotes } from './method-notes';
import { DASHBOARD_CSS } from './dashboard-styles';
import { dashboardTerms } from './terms';

/** One dashboard page to build: a programme's, or the organisation-wide one (`programmeId` `*`). */
export interface DashboardPageInput {
  context: ReportContext;
  rows: readonly FigureRow[];
  programmeId: string;
  /**
   * Links to the other dashboards, relative to this page; `needsScope` (the linked page's logical key) hides a
   * link until the page knows the reader holds that page.
   */
  links: readonly { href: string; label: string; needsScope?: string }[];
}

/**
 * A page opened through a CloudFront signed link whose policy covers several dashboards (a custom policy
 * with a wildcard resource) carries that signature on to the dashboards it links to. A link to a page the
 * reader may not hold (the organisation page, from a programme page) stays hidden unless the signed policy
 * covers it, or the reader's sign-in session lists it (`outcomes.scope` in session storage, written by the
 * sign-in page): a manager of some programmes never sees a link that answers 403.
 */
const SIGNED_NAVIGATION = `(function () {
  var q = window.location.search;
  var signed = /[?&]Key-Pair-Id=/.test(q) && /[?&]Policy=/.test(q);
  var resource = null;
  if (signed) {
    var raw = new URLSearchParams(q).get('Policy') || '';
    // CloudFront's URL-safe base64 (- _ ~ for + = /), or the local stack's base64url (- _ for + /)
    [raw.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), raw.replace(/-/g, '+').replace(/_/g, '/')].forEach(function (b64) {
      if (resource !== null) return;
      try {
        var policy = JSON.parse(atob(b64.replace(/=+$/, '')));
        resource = policy.resource || (policy.Statement && policy.Statement[0] && policy.Statement[0].Resource) || null;
      } catch (e) { resource = null; }
    });
  }
  var scope = [];
  try { scope = JSON.parse(sessionStorage.getItem('outcomes.scope') || '[]'); } catch (e) { scope = []; }
  var covers = function (href) {
    if (resource === null || resource.slice(-1) !== '*') return false;
    var prefix = resource.slice(0, -1).replace(/^https?:[/][/][^/]+[/]/, '');
    var at = window.location.pathname.indexOf('/' + prefix);
    if (at < 0) return false;
    return new URL(href, window.location.href).pathname.indexOf(window.location.pathname.slice(0, at + 1) + prefix) === 0;
  };
  document.querySelectorAll('a[data-dashboard-link]').forEach(function (a) {
    var href = a.getAttribute('href');
    var needs = a.getAttribute('data-needs-scope');
    if (needs !== null && (covers(href) || scope.indexOf(needs) >= 0)) a.closest('li').hidden = false;
    if (signed) a.setAttribute('href', href + q);
  });
})();`;

/**
 * The period a dashboard opens on: the latest quarter that has ended by the time of the figures (complete
 * groups, not ones planned to end next year), else the latest month that has ended, else the latest period.
 */
export const defaultPeriod = (periods: readonly Period[], asOf: string): Period => {
  const ended = periods.filter((p) => periodLastDay(p) < asOf.slice(0, 10));
  return ended.filter((p) => periodKind(p) === 'quarter').at(-1) ?? ended.at(-1) ?? periods.at(-1) ?? '';
};

/**
 * A self-contained, offline dashboard page: vega, vega-lite, vega-embed and the app script inlined, figures as
 * inline JSON, filters that rebuild the charts in the browser, a figures table and the method notes.
 */
export const dashboardPage = (input: DashboardPageInput, assets: DashboardAssets): string => {
  const { context, programmeId } = input;
  // Periods that have not begun yet (groups planned to end next year) have nothing to show.
  const asOf = context.generatedAt.slice(0, 10);
  const rows = input.rows.filter((row) => row.programme_id === programmeId && periodFirstDay(row.period) <= asOf);
  const programme = context.programmes.find((p) => p.id === programmeId);
  const name = programmeId === ALL ? Messages.allProgrammes : (programme?.name ?? programmeId);
  const periods = [...new Set(rows.map((row) => row.period))].sort(comparePeriods);
  const openPeriods = periods.filter((p) => periodLastDay(p) >= asOf);
  const data: DashboardData = {
    programmeId, scopeLabel: name, periods, defaultPeriod: defaultPeriod(periods, context.generatedAt),
    instruments: context.instruments.filter((i) => rows.some((row) => row.instrument === i.id)), k: context.policy.k,
    openPeriods, asOf, ...(programme?.targets !== undefined && programmeId !== ALL && { targets: programme.targets }), rows: packRows(rows),
  };
  const option = (value: string, label: string, selected = false): string =>
    `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const periodOption = (p: Period): string => option(p, openPeriods.includes(p) ? `${periodLabel(p)} — ${Messages.periodNotEnded}` : periodLabel(p), p === data.defaultPeriod);
  const terms = dashboardTerms(programmeId === ALL ? 'per-programme' : programme?.completion, context.policy.k);
  const link = (l: DashboardPageInput['links'][number]): string =>
    `<li${l.needsScope === undefined ? '' : ' hidden'}><a data-dashboard-link href="${escapeHtml(l.href)}"${l.needsScope === undefined ? '' : ` data-needs-scope="${escapeHtml(l.needsScope)}"`}>${escapeHtml(l.label)}</a></li>`;
  const title = `${name} — outcomes dashboard`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${DASHBOARD_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="stamp">${Messages.lastUpdated}: <time datetime="${escapeHtml(context.generatedAt)}">${escapeHtml(formatTimestamp(context.generatedAt))}</time> · figures as of ${escapeHtml(context.watermark)}</p>
${input.links.length === 0 ? '' : `<nav aria-label="Dashboards"><ul>${input.links.map(link).join('')}</ul></nav>`}
</header>
<main>
<noscript><p>The charts need JavaScript; the figures are in the table below once it is enabled.</p></noscript>
<form class="filters" aria-label="Filters" onsubmit="return false">
<label>Period<select id="filter-period">${[...periods].reverse().map(periodOption).join('')}</select></label>
<label>Group type<select id="filter-group">${option('', 'All group types', true)}${GROUP_TYPES.filter((g) => rows.some((row) => row.group_type === g)).map((g) => option(g, GROUP_TYPE_LABEL[g])).join('')}</select></label>
<label>Instrument<select id="filter-instrument">${option('', 'All instruments', true)}${data.instruments.map((i) => option(i.id, i.name)).join('')}</select></label>
</form>
<p id="filter-summary" aria-live="polite"></p>
<p id="period-open" class="period-open" hidden></p>
<section id="at-a-glance" aria-labelledby="glance-title"><h2 id="glance-title">${Messages.glanceTitle}</h2><div id="glance"></div></section>
<section id="trends" aria-labelledby="trends-title"><h2 id="trends-title">${Messages.trendsTitle}</h2><p class="glance-lead">${Messages.trendsNote}</p><div id="trend-chart"></div></section>
<section id="charts" aria-label="Charts"></section>
<h2 id="figures">Published figures</h2>
<p>Figures for the selected period, group type and instrument. <strong>*</strong> marks a suppressed figure; the reason is in the last column. Each measure links to <a href="#terms">what it means</a>.</p>
<p><button type="button" id="download-csv">${Messages.downloadCsv}</button></p>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="figures"><table>
<thead><tr><th scope="col">Group type</th><th scope="col">Instrument</th><th scope="col">Measure</th><th scope="col">Value</th><th scope="col">95% CI</th><th scope="col">n</th><th scope="col">Groups</th><th scope="col">Suppression</th></tr></thead>
<tbody id="figures-body"></tbody>
</table></div>
<h2 id="terms">${Messages.termsTitle}</h2>
<dl class="terms">${terms.map((t) => `<div id="term-${t.id}"><dt>${escapeHtml(t.term)}</dt><dd>${escapeHtml(t.definition)}</dd></div>`).join('')}</dl>
<h2 id="method">${Messages.methodTitle}</h2>
<ul class="notes">${methodNotes(context).map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>
</main>
<script type="application/json" id="dashboard-data">${jsonForScript(data)}</script>
<script>${inlineScript(assets.vega)}</script>
<script>${inlineScript(assets.vegaLite)}</script>
<script>${inlineScript(assets.vegaEmbed)}</script>
<script>${inlineScript(assets.app)}</script>
<script>${inlineScript(SIGNED_NAVIGATION)}</script>
</body>
</html>
`;
};
