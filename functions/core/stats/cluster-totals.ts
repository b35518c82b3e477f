/**
 * One group's totals of a variable: the number of values n and their sum (for a 0/1 indicator: trials and
 * successes). A list of these, one per group, is what the cluster-robust intervals need; it holds no
 * participant-level data.
 */
export interface ClusterTotal {
  n: number;
  sum: number;
}

/** Lexicographic order of two numeric keys. */
const compareKeys = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/**
 * The per-group lists of two disjoint sets of groups, merged in a canonical order (by `key`), so the merge is
 * associative and commutative as a multiset and its JSON does not depend on the merge order. Both inputs
 * must already be in that order (every list built by this function or of one element is).
 */
export const mergeClusterLists = <T>(a: readonly T[], b: readonly T[], key: (item: T) => readonly number[]): T[] => {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (compareKeys(key(x), key(y)) <= 0) {
      merged.push(x);
      i += 1;
    } else {
      merged.push(y);
      j += 1;
    }
  }
  while (i < a.length) merged.push(a[i++] as T);
  while (j < b.length) merged.push(b[j++] as T);
  return merged;
};

/** The canonical key of a cluster total. */
export const clusterTotalKey = (c: ClusterTotal): readonly number[] => [c.n, c.sum];

/** Merges two canonical lists of cluster totals. */
export const mergeClusterTotals = (a: readonly ClusterTotal[], b: readonly ClusterTotal[]): ClusterTotal[] =>
  mergeClusterLists(a, b, clusterTotalKey);
