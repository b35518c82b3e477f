import { ALL } from '../figures/figure-row';
import type { FigureRow } from '../figures/figure-row';
import { InvalidFigureTableError } from './disclosure-errors';
import { cellKey, compareFigures, describeFigure, figureKey } from './figure-key';
import { tableMessage } from './messages';
import { FINISHED_PARTS, OUTCOME_PARTS, OUTCOME_TOTAL, metricRole } from './metric-role';
import type { MetricRole } from './metric-role';
import { monthsOfQuarter } from './period-relation';

/** One figure of the table disclosure control reasons about: a row of this release or of an earlier one. */
export interface TableEntry {
  key: string;
  cell: string;
  /** The unsuppressed row of this release, or the row as it was published earlier. */
  row: FigureRow;
  role: MetricRole;
  /** True when an earlier release fixed the figure's suppression pattern. */
  fixed: boolean;
  /** The figure as an earlier release published it, or null. */
  earlier: FigureRow | null;
  /** True when the figure is part of this release's output. */
  current: boolean;
}

/** The relations an attacker can difference: margins, quarter = Σ months, outcome categories and rates. */
export const RelationKind = {
  groupType: 'group_type',
  programme: 'programme',
  quarter: 'quarter',
  outcomes: 'outcomes',
  rate: 'rate',
  finished: 'finished',
} as const;
export type RelationKind = (typeof RelationKind)[keyof typeof RelationKind];

/**
 * A linear relation between figures: `total = Σ parts` (margins, quarters, outcome categories), for a rate
 * `rate × n = numerator` with `parts = [numerator]` (the denominator is tied to the rate's n by value), or for
 * `finished` `n = rate × n + Σ part rate × n` with total the completion rate and parts the drop-out rate (every
 * finished starter completed or dropped out).
 */
export interface Relation {
  kind: RelationKind;
  total: number;
  parts: number[];
}

/** The figures of a release together with the earlier releases it must stay consistent with. */
export interface FigureTable {
  /** Entries in stable figure order. */
  entries: TableEntry[];
  byKey: ReadonlyMap<string, number>;
  relations: Relation[];
  /** For each entry, the indices of the relations it takes part in. */
  relationsOf: number[][];
}

const roleOf = (row: FigureRow): MetricRole => {
  const role = metricRole(row.metric);
  if (role === undefined) throw new InvalidFigureTableError(tableMessage.unknownMetric(describeFigure(row)));
  return role;
};

/** Builds the table of this release's rows and earlier published rows, and every relation between them. */
export const buildFigureTable = (
  rows: readonly FigureRow[],
  previouslyPublished: readonly FigureRow[],
): FigureTable => {
  const earlier = new Map<string, FigureRow>();
  for (const row of previouslyPublished) {
    const key = figureKey(row);
    if (earlier.has(key)) throw new InvalidFigureTableError(tableMessage.duplicatePrevious(describeFigure(row)));
    earlier.set(key, row);
  }
  const seen = new Set<string>();
  const entries: TableEntry[] = [];
  for (const row of rows) {
    const key = figureKey(row);
    if (seen.has(key)) throw new InvalidFigureTableError(tableMessage.duplicate(describeFigure(row)));
    seen.add(key);
    entries.push({
      key, cell: cellKey(row), row, role: roleOf(row), fixed: earlier.has(key), earlier: earlier.get(key) ?? null, current: true,
    });
  }
  for (const [key, row] of earlier) {
    if (!seen.has(key)) entries.push({ key, cell: cellKey(row), row, role: roleOf(row), fixed: true, earlier: row, current: false });
  }
  entries.sort((a, b) => compareFigures(a.row, b.row));
  const byKey = new Map(entries.map((entry, index) => [entry.key, index]));
  const relations = [...marginRelations(entries, byKey), ...cellRelations(entries, byKey)];
  const relationsOf: number[][] = entries.map(() => []);
  relations.forEach((relation, index) => {
    for (const member of [relation.total, ...relation.parts]) relationsOf[member]?.push(index);
  });
  return { entries, byKey, relations, relationsOf };
};

const keyOf = (row: FigureRow, change: Partial<FigureRow>): string => figureKey({ ...row, ...change });

// Margins and quarters: for every figure that is a total, its parts are the figures that differ in one dimension.
const marginRelations = (entries: readonly TableEntry[], byKey: ReadonlyMap<string, number>): Relation[] => {
  const parts = new Map<string, number[]>();
  const add = (kind: RelationKind, totalKey: string, part: number): void => {
    if (!byKey.has(totalKey)) return;
    const id = `${kind}|${totalKey}`;
    const list = parts.get(id) ?? [];
    list.push(part);
    parts.set(id, list);
  };
  entries.forEach((entry, index) => {
    const { row } = entry;
    if (row.group_type !== ALL) add(RelationKind.groupType, keyOf(row, { group_type: ALL }), index);
    if (row.programme_id !== ALL) add(RelationKind.programme, keyOf(row, { programme_id: ALL }), index);
  });
  entries.forEach((entry, index) => {
    for (const month of monthsOfQuarter(entry.row.period) ?? []) {
      const part = byKey.get(keyOf(entry.row, { period: month }));
      if (part !== undefined) add(RelationKind.quarter, entry.key, part);
    }
  });
  const relations: Relation[] = [];
  for (const [id, list] of parts) {
    const separator = id.indexOf('|');
    const total = byKey.get(id.slice(separator + 1));
    if (total !== undefined) relations.push({ kind: id.slice(0, separator) as RelationKind, total, parts: list });
  }
  return relations;
};

// rate × n as the roll-up counted it (a share of whole people; nobody when n is 0), or null when not published.
const amountOf = (row: FigureRow): number | null => {
  if (row.n_participants === 0) return 0;
  return row.value === null || row.n_participants === null ? null : Math.round(row.value * row.n_participants);
};

// Within a cell: reliably improved + no reliable change + reliably deteriorated = paired; rate × n = numerator
// (where it is an identity, see `MetricRole.numeratorExact`); completers + drop-outs among finished starters = n.
const cellRelations = (entries: readonly TableEntry[], byKey: ReadonlyMap<string, number>): Relation[] => {
  const relations: Relation[] = [];
  entries.forEach((entry, index) => {
    const sibling = (metric: string): number | undefined => byKey.get(keyOf(entry.row, { metric }));
    if (entry.row.metric === OUTCOME_TOTAL) {
      const outcomeParts = OUTCOME_PARTS.map(sibling);
      if (outcomeParts.every((part) => part !== undefined)) {
        relations.push({ kind: RelationKind.outcomes, total: index, parts: outcomeParts as number[] });
      }
    }
    const numerator = entry.role.numerator === null ? undefined : sibling(entry.role.numerator);
    const amount = amountOf(entry.row);
    const holds = entry.role.numeratorExact ||
      (numerator !== undefined && amount !== null && entries[numerator]?.row.value === amount);
    if (numerator !== undefined && holds) relations.push({ kind: RelationKind.rate, total: index, parts: [numerator] });
    const [completion, dropout] = FINISHED_PARTS;
    const dropoutRate = entry.row.metric === completion ? sibling(dropout) : undefined;
    if (dropoutRate !== undefined) relations.push({ kind: RelationKind.finished, total: index, parts: [dropoutRate] });
  });
  return relations;
};
