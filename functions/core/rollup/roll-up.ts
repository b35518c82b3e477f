import { ALL, NO_INSTRUMENT, type FigureRow } from '../figures/figure-row';
import { Metric } from '../figures/metric';
import type { GroupType } from '../group-type';
import {
  emptyGroupStatistics, mergeGroupStatistics, summariseCell, withGroupTotals, type GroupStatistics, type MetricValue,
} from '../outcomes';
import { monthOf, quarterOf } from '../periods/reporting-period';
import type { GroupSummary } from './group-summary';
import { listInstruments } from '../instruments/registry';
import { processMeasureValues } from './process-measure';

/** A cell of the roll-up: a period × programme (or `*`) × group type (or `*`). */
export interface CellKey {
  period: string;
  programmeId: string;
  groupType: GroupType | typeof ALL;
}

const keyText = (key: CellKey): string => `${key.period}|${key.programmeId}|${key.groupType}`;

// Merges halves recursively: each group's per-group totals are copied O(log m) times instead of O(m) times in a
// left fold, so a cell of thousands of groups stays fast. Same input order, same tree, same floating-point sums.
const mergeAll = (stats: readonly GroupStatistics[], from = 0, to = stats.length): GroupStatistics => {
  if (to - from === 0) return emptyGroupStatistics();
  if (to - from === 1) return mergeGroupStatistics(emptyGroupStatistics(), stats[from] ?? emptyGroupStatistics());
  const middle = (from + to) >> 1;
  return mergeGroupStatistics(mergeAll(stats, from, middle), mergeAll(stats, middle, to));
};

/**
 * Merges group statistics — never raw records — into cells: each group's month and quarter, its
 * programme and the all-programmes margin, its type and the all-types margin.
 */
export const rollUp = (groups: readonly GroupSummary[]): Map<string, { key: CellKey; stats: GroupStatistics }> => {
  const members = new Map<string, { key: CellKey; stats: GroupStatistics[] }>();
  // Sorted input makes the merge order, and so every floating-point sum, the same on every run.
  const ordered = [...groups].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  for (const group of ordered) {
    // A group's statistics stored before per-group totals were kept get them from its own sums.
    const stats = withGroupTotals(group.stats);
    for (const period of [monthOf(group.endDate), quarterOf(group.endDate)]) {
      for (const programmeId of [group.programmeId, ALL]) {
        for (const groupType of [group.groupType, ALL] as const) {
          const key = { period, programmeId, groupType };
          const id = keyText(key);
          const cell = members.get(id) ?? { key, stats: [] };
          cell.stats.push(stats);
          members.set(id, cell);
        }
      }
    }
  }
  const cells = new Map<string, { key: CellKey; stats: GroupStatistics }>();
  for (const [id, { key, stats }] of members) cells.set(id, { key, stats: mergeAll(stats) });
  return cells;
};

const toRow = (key: CellKey, instrument: string, value: MetricValue): FigureRow => ({
  period: key.period,
  programme_id: key.programmeId,
  group_type: key.groupType,
  instrument,
  metric: value.metric,
  value: value.value,
  ci_low: value.ci_low,
  ci_high: value.ci_high,
  n_participants: value.n_participants,
  n_groups: value.n_groups,
  suppressed: false,
  suppression_reason: null,
});

// Figures that never leave the store for managers or funders: risk flags are the clinic's alone
// (GET /v1/groups/{groupId}/risk-flags), not an outcome, and not something anyone monitors from a dashboard.
const CLINIC_ONLY = new Set<string>([Metric.riskFlagged]);
const DEFINITIONS = listInstruments({ includeDisabled: true });
const published = (value: MetricValue): boolean => value.value !== null && !CLINIC_ONLY.has(value.metric);

/** The unsuppressed figure rows of every cell that have a value, in a stable order (input of disclosure control). */
export const figureRows = (cells: ReadonlyMap<string, { key: CellKey; stats: GroupStatistics }>): FigureRow[] => {
  const rows: FigureRow[] = [];
  for (const id of [...cells.keys()].sort()) {
    const { key, stats } = cells.get(id)!;
    const summary = summariseCell(stats);
    // A metric without a value (no cut-off, no threshold, nobody to base it on) is no figure at all:
    // published as a row it would read as "suppressed" where nothing was hidden.
    for (const value of summary.participation) if (published(value)) rows.push(toRow(key, NO_INSTRUMENT, value));
    for (const instrument of Object.keys(summary.instruments).sort()) {
      const values = summary.instruments[instrument] ?? [];
      const def = DEFINITIONS.find((d) => d.id === instrument);
      const outcomeStats = stats.instruments[instrument];
      // A process measure (GSRS) publishes alliance by session, never change, recovery or effect sizes.
      const shown = def?.measureType === 'process' && outcomeStats !== undefined ? processMeasureValues(def, outcomeStats, values) : values;
      for (const value of shown) if (published(value)) rows.push(toRow(key, instrument, value));
    }
  }
  return rows;
};

/** The newest `changedAt` of the groups: what a release is "as of". Same data, same watermark, same bytes. */
export const dataWatermark = (groups: readonly GroupSummary[]): string =>
  groups.reduce((latest, g) => (g.changedAt > latest ? g.changedAt : latest), '1970-01-01T00:00:00.000Z');
