/** Disjoint sets over non-negative integers (union–find with path compression); the smallest member is each set's root. */
export interface UnionFind {
  find: (x: number) => number;
  union: (a: number, b: number) => void;
}

/** An empty union–find: every integer starts alone in its own set. */
export const unionFind = (): UnionFind => {
  const parent: number[] = [];
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== undefined && parent[root] !== root) root = parent[root] ?? root;
    let walk = x;
    while (walk !== root) { const next = parent[walk] ?? root; parent[walk] = root; walk = next; }
    return root;
  };
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  return { find, union };
};
