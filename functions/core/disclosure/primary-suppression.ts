import type { FigureTable } from './figure-table';
import { SuppressionReason } from './suppression-reason';

/**
 * Primary suppression: the figures of this release that are too small to show, with their reason.
 * A cell whose largest n is in 1..k-1 loses all its figures; any figure with n in 1..k-1 is suppressed, as is a
 * count of people in 1..k-1 and a rate whose implied count (rate × n) is in 1..k-1. Zeros stay visible
 * (0 reveals nobody, as in NHS England's practice). Figures suppressed on input keep their reason.
 * Figures that only exist in earlier releases are not decided here.
 */
export const primarySuppression = (table: FigureTable, k: number): Map<number, string> => {
  const cellSize = new Map<string, number>();
  for (const entry of table.entries) {
    if (!entry.current) continue;
    const n = entry.row.n_participants ?? 0;
    cellSize.set(entry.cell, Math.max(cellSize.get(entry.cell) ?? 0, n));
  }
  const small = (value: number): boolean => value > 0 && value < k;
  const hidden = new Map<number, string>();
  table.entries.forEach((entry, i) => {
    if (!entry.current) return;
    const { row, role } = entry;
    if (row.suppressed) {
      hidden.set(i, row.suppression_reason ?? SuppressionReason.upstream);
      return;
    }
    const n = row.n_participants;
    if (small(cellSize.get(entry.cell) ?? 0) || (n !== null && small(n))) {
      hidden.set(i, SuppressionReason.smallN(k));
    } else if (n === null) {
      hidden.set(i, SuppressionReason.missingN);
    } else if (row.value !== null && role.peopleCount && small(row.value)) {
      hidden.set(i, SuppressionReason.smallCount(k));
    } else if (row.value !== null && role.kind === 'rate' && role.additive && small(Math.round(row.value * n))) {
      hidden.set(i, SuppressionReason.smallCount(k));
    }
  });
  return hidden;
};
