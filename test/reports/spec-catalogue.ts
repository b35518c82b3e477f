import { buildChartSet } from '../../reports/charts/chart-set';
import type { NamedChart } from '../../reports/charts/chart-set';
import { FIXTURE_INSTRUMENTS, makeFigureRows } from './fixtures';

/** Every chart the builders emit for a spread of fixture cases, named `<case>/<chart>`, for data-driven tests. */
export const fixtureChartCatalogue = (): NamedChart[] => {
  const rows = makeFigureRows();
  const cases: [string, NamedChart[]][] = [
    ['south-quarter', buildChartSet(rows, { period: '2026-Q2', programmeId: 'south', scopeLabel: 'South', instruments: FIXTURE_INSTRUMENTS })],
    ['north-month', buildChartSet(rows, { period: '2026-05', programmeId: 'north', instruments: FIXTURE_INSTRUMENTS })],
    ['all-programmes', buildChartSet(rows, { period: '2026-Q1', programmeId: '*', instruments: FIXTURE_INSTRUMENTS })],
    // One group type entirely hidden beside visible ones: its small-multiple panels have nothing to scale to.
    ['one-type-suppressed', buildChartSet(rows.map((r) => (r.group_type === 'support' ? { ...r, value: null, ci_low: null, ci_high: null, n_participants: null, suppressed: true, suppression_reason: 'primary:n<8' } : r)), { period: '2026-Q2', programmeId: 'south', instruments: FIXTURE_INSTRUMENTS })],
    ['all-suppressed', buildChartSet(makeFigureRows({ allSuppressed: true }), { period: '2026-Q2', programmeId: 'south', instruments: FIXTURE_INSTRUMENTS })],
    ['single-group-type', buildChartSet(makeFigureRows({ groupTypes: ['psychotherapy'] }), { period: '2026-Q2', programmeId: 'north', groupTypes: ['psychotherapy'], instruments: FIXTURE_INSTRUMENTS })],
    ['no-figures', buildChartSet(rows, { period: '2030-01', programmeId: 'north', instruments: FIXTURE_INSTRUMENTS })],
  ];
  return cases.flatMap(([name, charts]) => charts.map((chart) => ({ ...chart, name: `${name}/${chart.name}` })));
};
