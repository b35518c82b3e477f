import { escapeHtml, formatTimestamp } from '../html/escape-html';
import { Messages } from '../messages';
import type { FunderReportContent } from './report-content';
import { namespaceSvgIds } from './namespace-svg-ids';
import { summaryTable } from './summary-table';
import { periodLabel } from '../period-label';

/** SVG of every chart by `<programmeId>/<chart name>`. */
export type ChartSvgs = ReadonlyMap<string, string>;

const CSS = `
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1f1f1f; margin: 0 auto; max-width: 960px; padding: 24px; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0; } h2 { font-size: 1.3rem; border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin-top: 40px; } h3 { font-size: 1.05rem; margin-top: 28px; }
.meta { color: #555; margin-top: 4px; }
.headlines { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
.headline { border: 1px solid #d9d9d9; border-radius: 6px; padding: 10px 12px; }
.headline .value { font-size: 1.6rem; font-weight: bold; } .headline .label { font-weight: bold; } .headline .note { color: #555; font-size: 0.85rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 8px 0; }
th, td { border-bottom: 1px solid #d9d9d9; padding: 3px 6px; text-align: left; } th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.suppressed td { color: #555; font-style: italic; }
.narrative li { margin-bottom: 4px; } .no-groups { font-style: italic; } .targets { color: #555; font-size: 0.85rem; }
figure { margin: 16px 0; } figure svg { max-width: 100%; height: auto; }
@media print { h2 { break-before: page; } figure, table tr { break-inside: avoid; } }
`;

const table = (headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = [], suppressedRows: readonly boolean[] = []): string =>
  `<table><thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row, i) => `<tr${suppressedRows[i] === true ? ' class="suppressed"' : ''}>${row.map((cell, j) => `<td${numeric.includes(j) ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/** The self-contained HTML funder report, charts inlined as SVG (no scripts, no external resources). */
export const funderReportHtml = (content: FunderReportContent, svgs: ChartSvgs): string => {
  const summaries = content.summary.map((summary) => {
    if (summary.noGroups) return `<section class="summary" id="summary-${escapeHtml(summary.programmeId)}"><h3>${escapeHtml(summary.name)}</h3><p class="no-groups">${escapeHtml(Messages.noGroupsThisPeriod)}</p></section>`;
    const layout = summaryTable(summary);
    const chart = summary.chart === undefined ? '' : `<figure aria-label="${escapeHtml(summary.chart.title)}">${namespaceSvgIds(svgs.get(`${summary.programmeId}/${summary.chart.name}`) ?? '', `summary-${summary.programmeId}-${summary.chart.name}`)}</figure>`;
    return `<section class="summary" id="summary-${escapeHtml(summary.programmeId)}"><h3>${escapeHtml(summary.name)}</h3>
<ul class="narrative">${summary.narrative.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
<p class="note">Figures of ${escapeHtml(content.periodLabel)}, the previous period (${escapeHtml(periodLabel(summary.headlines.previousPeriod))}) in brackets.</p>
${table(layout.headers, layout.rows, layout.headers.slice(1).map((_, i) => i + 1))}
${layout.targets.length === 0 ? '' : `<ul class="targets">${layout.targets.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`}
${chart}</section>`;
  }).join('\n');
  const sections = content.sections.map((section) => section.noGroups ? `
<section id="programme-${escapeHtml(section.programmeId)}"><h2>${escapeHtml(section.name)}</h2><p class="no-groups">${escapeHtml(Messages.noGroupsThisPeriod)}</p></section>` : `
<section id="programme-${escapeHtml(section.programmeId)}">
<h2>${escapeHtml(section.name)}</h2>
<h3>Headline figures</h3>
<div class="headlines">${section.headlines.map((h) => `<div class="headline"><div class="label">${escapeHtml(h.label)}</div><div class="value">${escapeHtml(h.value)}</div><div class="note">${escapeHtml(h.note)}</div></div>`).join('')}</div>
<h3>Participation by group type</h3>
${table(['Group type', 'Participants', 'Groups', 'Attendance', 'Completion', 'Drop-out'], section.participation.map((p) => [p.group, p.participants, p.groups, p.attendance, p.completion, p.dropout]), [1, 2, 3, 4, 5])}
<h3>Data completeness (paired rate)</h3>
${table(['Instrument', 'Group type', 'With a score', 'Paired', 'Paired rate'], section.completeness.map((c) => [c.instrument, c.group, c.enrolled, c.paired, c.rate]), [2, 3, 4])}
<h3>Outcomes and participation charts</h3>
${section.charts.map((chart) => `<figure aria-label="${escapeHtml(chart.title)}">${namespaceSvgIds(svgs.get(`${section.programmeId}/${chart.name}`) ?? '', `${section.programmeId}-${chart.name}`)}</figure>`).join('\n')}
</section>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(`${content.title} — ${content.periodLabel}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(content.title)}</h1>
<p class="meta">Reporting period: <strong>${escapeHtml(content.periodLabel)}</strong> (${escapeHtml(content.period)}) · ${Messages.lastUpdated}: <time datetime="${escapeHtml(content.generatedAt)}">${escapeHtml(formatTimestamp(content.generatedAt))}</time> · figures as of ${escapeHtml(content.watermark)}</p>
<p>Programmes: ${content.sections.map((s) => `<a href="#programme-${escapeHtml(s.programmeId)}">${escapeHtml(s.name)}</a>`).join(', ')}. All figures are anonymised aggregates by group type; the full table is in figures.csv.</p>
</header>
<main>
<section id="summary"><h2>${Messages.boardSummaryTitle}</h2>
<p class="disclosure">${escapeHtml(content.disclosure)}</p>
${summaries}
</section>
<section id="appendix"><h2>${Messages.appendixTitle}</h2><p>${escapeHtml(Messages.fullTableNote)}</p></section>
${sections}
<section id="suppression"><h2>Suppression notes</h2><ul>${[Messages.suppressionSeeSummary, ...content.suppression].map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul></section>
<section id="method"><h2>${Messages.methodTitle}</h2><ul>${content.method.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul></section>
</main>
</body>
</html>
`;
};
