import { unionFind } from './union-find';
import type { FigureTable } from './figure-table';

/** A part of a figure table that no relation and no cell links to any other part: it is controlled alone. */
export interface FigureBlock {
  /** Entry indices, ascending. */
  entries: number[];
  /** Indices of the relations among these entries. */
  relations: number[];
}

/**
 * Splits a table into independent blocks. Relations only join figures of one instrument and one quarter
 * (a quarter and its months), and the n-equality links only join figures of one cell, so the linear algebra of
 * one block never involves another: each block can be checked (and re-checked) on its own.
 */
export const figureBlocks = (table: FigureTable): FigureBlock[] => {
  const { find, union } = unionFind();
  const firstOfCell = new Map<string, number>();
  table.entries.forEach((entry, i) => {
    const first = firstOfCell.get(entry.cell);
    if (first === undefined) firstOfCell.set(entry.cell, i);
    else union(first, i);
  });
  for (const relation of table.relations) for (const part of relation.parts) union(relation.total, part);
  const blocks = new Map<number, FigureBlock>();
  table.entries.forEach((_, i) => {
    const root = find(i);
    const block = blocks.get(root) ?? { entries: [], relations: [] };
    block.entries.push(i);
    blocks.set(root, block);
  });
  table.relations.forEach((relation, r) => blocks.get(find(relation.total))?.relations.push(r));
  return [...blocks.values()];
};
