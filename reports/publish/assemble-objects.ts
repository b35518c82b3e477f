import { ALL } from '../../functions/core/figures/figure-row';
import type { Period } from '../../functions/core/figures/figure-row';
import type { DashboardFile } from '../dashboard/dashboard-site';
import type { FunderReport } from '../funder/build-funder-report';
import type { RenderedChart } from '../render/render-chart';
import type { ReportContext } from '../report-context';
import { CACHE_CONTROL, publishedObject } from './published-object';
import type { PublishedObject } from './published-object';

/** Charts of one scope (a programme id or `*`) and period, published under `charts/<scope>/<period>/`. */
export interface ChartGroup {
  scope: string;
  period: Period;
  charts: readonly RenderedChart[];
}

/** Everything one run publishes. */
export interface PublicationInput {
  context: Pick<ReportContext, 'generatedAt' | 'watermark'>;
  dashboards: readonly DashboardFile[];
  funderReports: readonly FunderReport[];
  /** Charts besides those of the funder reports (which are published automatically). */
  charts?: readonly ChartGroup[];
  /** Where the manifest of this publication goes (default `manifest.json`); separate publications keep separate manifests. */
  manifestKey?: string;
}

/** The run manifest (`manifest.json`): every object key with its SHA-256, and the input watermark. */
export interface PublicationManifest {
  generatedAt: string;
  watermark: string;
  objects: { key: string; sha256: string; bytes: number; contentType: string }[];
}

/** Raised when two artefacts claim the same key with different bytes. */
export class ConflictingObjectError extends Error {
  override name = 'ConflictingObjectError';
  constructor(key: string, options?: { cause?: unknown }) {
    super(`Two different artefacts would be published under ${key}`, options);
  }
}

const scopeSegment = (scope: string): string => (scope === ALL ? 'all' : scope);
const stableJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const chartObjects = (group: ChartGroup): PublishedObject[] => group.charts.flatMap((chart) => {
  const base = `charts/${scopeSegment(group.scope)}/${group.period}/${chart.name}`;
  return [
    publishedObject(`${base}.vl.json`, stableJson(chart.spec), CACHE_CONTROL.period),
    publishedObject(`${base}.svg`, chart.svg, CACHE_CONTROL.period),
    publishedObject(`${base}.png`, chart.png, CACHE_CONTROL.period),
  ];
});

/**
 * Turns a run's artefacts into bucket objects (pure, deterministic, sorted by key) with the layout
 * `dashboards/…/index.html`, `reports/<funder>/<period>/report.html|report.pdf|figures.csv|manifest.json`,
 * `charts/<scope>/<period>/<chart>.vl.json|.svg|.png`, plus `manifest.json` listing all of them.
 */
export const assembleObjects = (input: PublicationInput): PublishedObject[] => {
  const objects = [
    ...input.dashboards.map((d) => publishedObject(d.key, d.html, CACHE_CONTROL.live)),
    ...input.funderReports.flatMap((report) => {
      const base = `reports/${report.funderId}/${report.period}`;
      const byScope = new Map<string, RenderedChart[]>();
      for (const chart of report.charts) byScope.set(chart.scope, [...(byScope.get(chart.scope) ?? []), chart]);
      return [
        publishedObject(`${base}/report.html`, report.html, CACHE_CONTROL.period),
        publishedObject(`${base}/report.pdf`, report.pdf, CACHE_CONTROL.period),
        publishedObject(`${base}/figures.csv`, report.csv, CACHE_CONTROL.period),
        publishedObject(`${base}/manifest.json`, stableJson(report.manifest), CACHE_CONTROL.period),
        ...[...byScope.entries()].flatMap(([scope, charts]) => chartObjects({ scope, period: report.period, charts })),
      ];
    }),
    ...(input.charts ?? []).flatMap(chartObjects),
  ];
  const byKey = new Map<string, PublishedObject>();
  for (const object of objects) {
    const existing = byKey.get(object.key);
    if (existing !== undefined && existing.sha256 !== object.sha256) throw new ConflictingObjectError(object.key);
    byKey.set(object.key, object);
  }
  const sorted = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const manifest: PublicationManifest = {
    generatedAt: input.context.generatedAt,
    watermark: input.context.watermark,
    objects: sorted.map((o) => ({ key: o.key, sha256: o.sha256, bytes: o.body.length, contentType: o.contentType })),
  };
  return [...sorted, publishedObject(input.manifestKey ?? 'manifest.json', stableJson(manifest), CACHE_CONTROL.live)];
};
