import { figureLevel, figureWeight } from './complement-choice';
import type { PatternView } from './complement-choice';
import { COUNT_BOUNDS } from './metric-role';
import type { BlockAttacker } from './recoverable-figures';
import { SuppressionReason } from './suppression-reason';

/**
 * Publishes as much as it safely can: starting from a pattern in which the candidates are hidden, it shows them
 * one at a time in order of importance and keeps each one shown when the attacker still recovers nothing
 * (checked incrementally by `BlockAttacker.tryReveal`). What stays hidden is a complement, labelled with the
 * relation through which it would expose another hidden figure. Order of importance: totals and margins before
 * leaves (so a complement is a margin only as a last resort), zeros, cells without primary suppression (whole
 * cells are hidden rather than holes scattered), counts before rates and means of a cell, larger values before
 * smaller (small values become the complements), then the stable figure order (the earlier figure is hidden).
 * A count stays hidden while it would bound a hidden larger count of its cell (recovered ≤ cases at start).
 * Passes repeat while they show something, as a figure shown later can free one refused earlier.
 * `strict`: also keep every candidate that stays hidden unrecoverable (a pattern that is safe stays safe).
 */
export const revealFigures = (
  view: PatternView, attacker: BlockAttacker, candidates: readonly number[], modelHidden: ReadonlySet<number>,
  options: { strict: boolean },
): void => {
  const { table } = view;
  const result = view.hidden as Map<number, string>;
  const candidate = new Set(candidates);
  const primaryShare = new Map<string, number>();
  for (const [cell, members] of view.cells) {
    const primary = members.filter((m) => !candidate.has(m) && result.has(m)).length;
    if (primary > 0) primaryShare.set(cell, primary / members.length);
  }
  const rank = (i: number): number[] => {
    const entry = table.entries[i];
    if (entry === undefined) return [0];
    const weight = figureWeight(entry, false);
    return [-figureLevel(entry), weight === 0 ? 0 : 1, primaryShare.get(entry.cell) ?? 0,
      entry.role.kind === 'count' ? 0 : 1, -weight, -i];
  };
  let pending = candidates
    .map((i) => ({ i, key: rank(i) }))
    .sort((a, b) => compareTuples(a.key, b.key))
    .map(({ i }) => i);
  // Unless strict, candidates need no protection: one that becomes computable is shown when its turn (or the
  // next pass) comes; strict passes keep every hidden figure unrecoverable.
  // Figures of rounded cells never need protection.
  const insensitive = view.insensitive ?? new Set<number>();
  attacker.prepare(modelHidden, options.strict ? (i) => !insensitive.has(i) : (i) => !candidate.has(i) && !insensitive.has(i));
  for (let shown = 1; shown > 0 && pending.length > 0;) {
    shown = 0;
    const refused: number[] = [];
    for (const i of pending) {
      if (boundsAHiddenCount(view, i)) {
        result.set(i, SuppressionReason.secondary('bound'));
        refused.push(i);
        continue;
      }
      const exposed = attacker.tryReveal(i);
      if (exposed === undefined) {
        result.delete(i);
        shown += 1;
      } else {
        result.set(i, SuppressionReason.secondary(relationBetween(view, i, exposed)));
        refused.push(i);
      }
    }
    pending = refused;
  }
};

const compareTuples = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

// The relation to name as the reason a figure stays hidden: one it shares with the figure it would expose, else
// one of its own relations (cell relations first) that involves a hidden figure, else the shared n.
const relationBetween = (view: PatternView, i: number, exposed: number): string => {
  const { table } = view;
  const own = (table.relationsOf[i] ?? []).map((r) => table.relations[r]).filter((r) => r !== undefined);
  const members = (r: (typeof own)[number]): number[] => [r.total, ...r.parts];
  const shared = own.find((r) => members(r).includes(exposed));
  if (shared !== undefined) return shared.kind;
  const inCell = (kind: string): boolean => kind === 'rate' || kind === 'outcomes' || kind === 'finished';
  const withHidden = own
    .filter((r) => members(r).some((m) => m !== i && view.hidden.has(m)))
    .sort((a, b) => Number(!inCell(a.kind)) - Number(!inCell(b.kind)));
  return withHidden[0]?.kind ?? 'n_participants';
};

// True when the figure is a non-zero count below a hidden larger count of its cell.
const boundsAHiddenCount = (view: PatternView, i: number): boolean => {
  const entry = view.table.entries[i];
  if (entry === undefined || (entry.row.value ?? 0) === 0) return false;
  const mates = view.cells.get(entry.cell) ?? [];
  return COUNT_BOUNDS.some(([smaller, larger]) => smaller === entry.row.metric &&
    mates.some((m) => view.table.entries[m]?.row.metric === larger && view.hidden.has(m) && view.insensitive?.has(m) !== true));
};
