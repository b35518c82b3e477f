import { UnprotectableDisclosureError, applyDisclosureControl, defaultDisclosurePolicy, type DisclosurePolicy } from '../functions/core/disclosure';
import type { BoundSolver } from '../functions/core/disclosure/bound-solver';
import { DEFAULT_PERTURBATION_BASE } from '../functions/core/disclosure/perturbation';
import { controlRelease, type AuditSummary, type ReaderView } from '../functions/core/disclosure/control-release';
import type { ProtectionRule } from '../functions/core/disclosure/interval-audit';
import type { FigureRow } from '../functions/core/figures/figure-row';
import { publicationGrid } from '../functions/core/figures/publication-grid';
import { presentFigures } from '../functions/core/figures/present-figures';
import { controlPublications, displayPrecision } from '../functions/nightly/steps/roll-up';

/** One timed release: what it published and what its audit said (null for the old model, which has none). */
export interface TimedRelease {
  label: string;
  rows: FigureRow[];
  ms: number;
  audit: AuditSummary | null;
  /** Set when disclosure control could not protect the release (nothing of it is published). */
  withheld?: boolean;
  /** Why, when withheld. */
  note?: string;
}

/** Both models' releases of one dataset: the dashboard (manager) and one funder publication per closed quarter. */
export interface ModelReleases {
  dashboard: TimedRelease;
  publications: TimedRelease[];
}

/** Small headline counts of cells of 20 or more are perturbed, with a fixed key (a deployment has its own secret). */
const PERTURBATION = { key: Buffer.from('bench perturbation key'), minBase: DEFAULT_PERTURBATION_BASE };

/** The protection rule of the nightly (k 8, people a hidden count must stay uncertain over 5, rates to 0.1 %). */
export const RULE: ProtectionRule = { k: 8, protectionWidth: 5, rateDecimals: 3 };

const timed = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const result = run();
  return [result, Math.round(performance.now() - start)];
};

const managerPolicy = (): DisclosurePolicy => defaultDisclosurePolicy('manager');
const funderPolicy = (): DisclosurePolicy => ({ ...defaultDisclosurePolicy('funder'), rounding: 5 });

/**
 * The new model as the nightly roll-up step runs it on a first night: the publication grid, each closed quarter
 * published to funders (`controlPublications`, one quarter block at a time, nothing published before), then the
 * dashboard audited against those publications (a manager may hold funders' reports too).
 */
export const newModel = (
  raw: readonly FigureRow[], closed: readonly string[], solver: BoundSolver, log: (text: string) => void = () => {},
  views?: readonly ReaderView[], heldOf?: (rows: readonly FigureRow[]) => FigureRow[],
): ModelReleases => {
  const [grid, gridMs] = timed(() => publicationGrid(raw));
  const publications: TimedRelease[] = [];
  for (const quarter of closed) {
    const [released, ms] = timed(() => controlPublications(grid, [quarter], funderPolicy(), [], { solver, rule: RULE, views, perturbation: PERTURBATION, roundCells: { minBase: DEFAULT_PERTURBATION_BASE } }));
    publications.push(released === undefined
      ? { label: quarter, rows: [], ms, audit: null, withheld: true, note: 'unprotectable given the release: withheld, as the nightly does' }
      : { label: quarter, rows: released.rows, ms, audit: released.audit });
    log(`${quarter} publication ${released === undefined ? 'withheld' : 'released'} in ${ms} ms`);
  }
  const funderRows = publications.flatMap((p) => p.rows);
  const held = [{ rows: heldOf === undefined ? funderRows : heldOf(funderRows), rounding: funderPolicy().rounding, current: false }];
  const start = performance.now();
  let dashboard: TimedRelease;
  try {
    const released = controlRelease(grid, {
      policy: managerPolicy(), rule: RULE, solver, present: (r) => presentFigures(r, displayPrecision('manager')), held, perturbation: PERTURBATION, roundCells: { minBase: DEFAULT_PERTURBATION_BASE },
      onPass: ({ pass, hidden, shown, deferred }) => log(`dashboard audit pass ${pass}: ${hidden} more hidden, ${shown} shown back, ${deferred} deferred`),
    });
    dashboard = { label: `dashboard (grid ${gridMs} ms)`, rows: released.rows, ms: Math.round(performance.now() - start), audit: released.audit };
  } catch (error) {
    // The nightly would fail the night here (the dashboard has no withheld path): the manager gets nothing.
    if (!(error instanceof UnprotectableDisclosureError)) throw error;
    dashboard = { label: `dashboard (grid ${gridMs} ms)`, rows: [], ms: Math.round(performance.now() - start), audit: null, withheld: true, note: error.message };
  }
  log(`dashboard ${dashboard.withheld === true ? 'failed' : 'released'} in ${dashboard.ms} ms`);
  return { dashboard, publications };
};

/** The old model: exact-linear control of the raw rows (all periods, all metrics); funders per quarter's rows. */
export const oldModel = (raw: readonly FigureRow[], closed: readonly string[]): ModelReleases => {
  const [dashboard, ms] = timed(() => applyDisclosureControl(raw, managerPolicy()).rows);
  const publications = closed.map((quarter): TimedRelease => {
    const [rows, quarterMs] = timed(() => applyDisclosureControl(raw.filter((r) => r.period === quarter), funderPolicy()).rows);
    return { label: quarter, rows, ms: quarterMs, audit: null };
  });
  return { dashboard: { label: 'dashboard', rows: dashboard, ms, audit: null }, publications };
};
