import type { BoundSolver, VariableRange } from './bound-solver';
import { buildIntervalModel, type HeldRelease, type IntervalModel, type ModelRow, type RowRef, type TargetKind } from './interval-model';
import { perturbationBand } from './perturbation';
import { unionFind } from './union-find';

/** What a release must leave a reader unsure of. */
export interface ProtectionRule {
  k: number;
  /** A hidden count's feasible interval must span at least this many people (high − low). Default 5. */
  protectionWidth: number;
  /** Rates are published to this many decimals (0.1 % → 3). */
  rateDecimals: number;
}

/** Default protection width: a hidden count stays uncertain over at least 5 people. */
export const DEFAULT_PROTECTION_WIDTH = 5;

/** Why an interval fails: a single value, inside 1..k−1, or narrower than the protection. */
export type ViolationKind = 'exact' | 'small' | 'narrow';

/** A count of people a reader can pin too closely, with the published rows that pin it. */
export interface IntervalViolation {
  name: string;
  kind: TargetKind;
  why: ViolationKind;
  low: number;
  high: number;
  owners: RowRef[];
  /** Published rows (of any release) whose constraints bind the interval, in no particular order. */
  binding: RowRef[];
}

/** The audit's result: every hidden or rounded count's interval checked, with the violations. */
export interface IntervalAuditResult {
  audited: number;
  violations: IntervalViolation[];
  /** Hidden counts that are complements (truly nobody, or k or more people) in an exact-count release: not solved. */
  complements: number;
  /** The narrowest bounded interval among the audited counts (high − low), or null when none is bounded. */
  narrowest: number | null;
  components: number;
}

const judge = (low: number, high: number, kind: TargetKind, rule: ProtectionRule, rounding: number): ViolationKind | null => {
  if (low === 0 && high === 0) return null; // known to be nobody: discloses no one
  if (low === high) return 'exact';
  if (low >= 1 && high <= rule.k - 1) return 'small';
  // A rounded count must keep its whole rounding bucket; a hidden one the protection width.
  const width = kind === 'rounded' ? Math.min(rule.protectionWidth, rounding) - 1 : rule.protectionWidth;
  return high - low < width ? 'narrow' : null;
};

/**
 * What a count must withstand. Sensitive counts — a hidden count of 1..k−1 people, any count whose true value is not
 * known — get the full rule (`judge`). A count that is truly nobody or k and more (a complement, and every rounded
 * count: they are never small) discloses nobody by being known: a reader who holds any release of exact counts (a
 * manager, also with funders' reports) may work it out (null: not solved at all); a reader of rounded counts only (a
 * funder) must not get it back exactly — rounding is not undone — and keeps at least half a rounding bucket of
 * uncertainty ('bucket': at least 3 possible values with base 5).
 */
const requirementOf = (
  target: { variable: number; kind: TargetKind; owners: readonly RowRef[] }, model: IntervalModel, releases: readonly HeldRelease[],
  rule: ProtectionRule, truth: ReadonlyMap<string, number> | undefined,
): 'full' | 'bucket' | null => {
  const value = truth?.get(model.names[target.variable] ?? '');
  if (value === undefined || (value >= 1 && value < rule.k)) return 'full';
  if (finestRounding(releases) <= 1) return null;
  return 'bucket';
};

// The reader's finest precision: a reader holding any release of exact counts (a manager) sees exact counts.
const finestRounding = (releases: readonly HeldRelease[]): number => Math.max(1, Math.min(...releases.map((r) => r.rounding)));

/** What a count of nobody or k and more keeps for a reader of counts rounded to `base`: half a bucket (2 for base 5). */
export const halfBucket = (base: number): number => Math.ceil((base - 1) / 2);

// A complement or rounded count for a reader of rounded counts only: not one value, at least half a bucket wide.
const judgeBucket = (low: number, high: number, releases: readonly HeldRelease[]): ViolationKind | null => {
  const base = finestRounding(releases);
  if (low === high) return low === 0 ? null : 'exact';
  return high - low < halfBucket(base) ? 'narrow' : null;
};

/**
 * The interval audit: for every count of people a reader holding `releases` does not see exactly (hidden, or
 * rounded), its feasible range over all integer solutions of everything published (`buildIntervalModel`),
 * computed component by component. A count passes when its range is not one value, not inside 1..k−1, and at
 * least the protection width (a rounded count: its whole rounding bucket); otherwise it is a violation, with the
 * published rows that bind it so the caller can hide one of them. Given `truth` (`trueCounts` of the unpublished
 * rows), complements are judged by `requirementOf` instead: what protects the small counts is their own interval.
 */
export const auditIntervals = (
  releases: readonly HeldRelease[], rule: ProtectionRule, solver: BoundSolver,
  options: { explain?: boolean; cache?: Map<string, VariableRange[]>; truth?: ReadonlyMap<string, number> } = {},
): IntervalAuditResult => {
  const model = buildIntervalModel(releases, {
    k: rule.k, rateHalfStep: 0.5 * 10 ** -rule.rateDecimals, perturbationBand: perturbationBand(rule.k, rule.protectionWidth),
  });
  const rounding = Math.max(1, ...releases.map((r) => r.rounding));
  const violations: IntervalViolation[] = [];
  let narrowest: number | null = null;
  let audited = 0;
  let complements = 0;
  const parts = components(model);
  for (const whole of parts) {
    // What each count must withstand, once per target; complements a manager may work out are not solved.
    const judged = whole.targets.map((t) => ({ ...t, requirement: requirementOf(t, model, releases, rule, options.truth) }));
    const part = { ...whole, targets: judged.filter((t) => t.requirement !== null) };
    complements += whole.targets.length - part.targets.length;
    audited += part.targets.length;
    if (part.targets.length === 0) continue;
    // A range judged failing stays failing in the integer programme (whose range lies inside it); any other
    // relaxed range is confirmed by the integer programme, which can only narrow it.
    const accepts = (low: number, high: number): boolean => judge(low, high, 'rounded', rule, rounding) === null;
    // Passes of one release re-audit mostly unchanged components: a component is its problem and targets.
    const key = options.cache === undefined ? '' : JSON.stringify([part.problem, part.targets.map((t) => t.local)]);
    const cached = options.cache?.get(key);
    const ranges = cached ?? solver.ranges(part.problem, part.targets.map((t) => t.local), { accepts });
    if (cached === undefined) options.cache?.set(key, ranges);
    const failing: { target: (typeof part.targets)[number]; low: number; high: number; why: ViolationKind }[] = [];
    ranges.forEach((range, t) => {
      const target = part.targets[t];
      if (target === undefined) return;
      const width = range.high - range.low;
      if (!(range.low === 0 && range.high === 0) && Number.isFinite(width)) narrowest = narrowest === null ? width : Math.min(narrowest, width);
      const why = range.undecided === true ? 'narrow' : target.requirement === 'bucket'
        ? judgeBucket(range.low, range.high, releases) : judge(range.low, range.high, target.kind, rule, rounding);
      if (why !== null) failing.push({ target, low: range.low, high: range.high, why });
    });
    if (failing.length === 0) continue;
    const explained = options.explain === false ? [] : solver.ranges(part.problem, failing.map((f) => f.target.local), { explain: true, accepts: () => false });
    failing.forEach((f, i) => {
      const range = explained[i];
      const rows = range === undefined ? [] : [...new Set([...range.bindingLow, ...range.bindingHigh])];
      violations.push({
        name: model.names[f.target.variable] ?? '?', kind: f.target.kind, why: f.why, low: f.low, high: f.high, owners: f.target.owners,
        binding: rows.flatMap((r) => part.sources[r] ?? []),
      });
    });
  }
  return { audited, complements, violations, narrowest, components: parts.length };
};

interface Component {
  problem: { lower: number[]; upper: number[]; rows: { lower: number; upper: number; indices: number[]; values: number[] }[] };
  /** Per row, the published rows behind it: its own source and those of the constants substituted into it. */
  sources: RowRef[][];
  targets: { local: number; variable: number; kind: TargetKind; owners: RowRef[] }[];
}

// Splits the model into independent components (variables linked by a row), each a problem of its own.
// Variables a published value pins exactly are constants: they move into the row bounds and link nothing.
const components = (model: IntervalModel): Component[] => {
  const fixed = new Map<number, number>();
  for (const row of model.rows) {
    const only = row.indices[0];
    if (row.indices.length === 1 && only !== undefined && row.lower === row.upper && row.values[0] === 1) fixed.set(only, row.lower);
  }
  model.upper.forEach((u, v) => { if (u === 0 && (model.lower[v] ?? 0) === 0) fixed.set(v, 0); });
  const pins = new Map<number, ModelRow[]>();
  for (const row of model.rows) {
    const only = row.indices[0];
    if (row.indices.length === 1 && only !== undefined && row.source !== null) pins.set(only, [...(pins.get(only) ?? []), row]);
  }
  const pinSources = (v: number): RowRef[] => (pins.get(v) ?? []).flatMap((row) => (row.source === null ? [] : [row.source]));
  const sets = unionFind();
  for (const row of model.rows) {
    const free = row.indices.filter((v) => !fixed.has(v));
    const [first, ...rest] = free;
    if (first === undefined) continue;
    for (const other of rest) sets.union(first, other);
  }
  const byRoot = new Map<number, number[]>();
  model.names.forEach((_, i) => {
    if (fixed.has(i)) return;
    const root = sets.find(i);
    const members = byRoot.get(root);
    if (members === undefined) byRoot.set(root, [i]);
    else members.push(i);
  });
  const local = new Map<number, { part: number; index: number }>();
  const parts: Component[] = [];
  for (const members of byRoot.values()) {
    const part = parts.length;
    members.forEach((v, index) => local.set(v, { part, index }));
    parts.push({
      problem: { lower: members.map((v) => model.lower[v] ?? 0), upper: members.map((v) => model.upper[v] ?? Infinity), rows: [] },
      sources: [], targets: [],
    });
  }
  for (const row of model.rows) {
    let constant = 0;
    const indices: number[] = [];
    const values: number[] = [];
    const sources: RowRef[] = row.source === null ? [] : [row.source];
    row.indices.forEach((v, j) => {
      const value = fixed.get(v);
      if (value === undefined) { indices.push(v); values.push(row.values[j] ?? 0); } else {
        constant += (row.values[j] ?? 0) * value;
        sources.push(...pinSources(v));
      }
    });
    const first = indices[0];
    if (first === undefined) continue;
    const where = local.get(first);
    const part = where === undefined ? undefined : parts[where.part];
    if (part === undefined) continue;
    part.problem.rows.push({ lower: row.lower - constant, upper: row.upper - constant, indices: indices.map((v) => local.get(v)?.index ?? 0), values });
    part.sources.push(sources);
  }
  for (const target of model.targets) {
    if (fixed.has(target.variable)) {
      // A pinned count is a problem of its own, explained by the published rows that pin it.
      const own = pins.get(target.variable) ?? [];
      parts.push({
        problem: { lower: [0], upper: [Infinity], rows: own.map((row) => ({ lower: row.lower, upper: row.upper, indices: [0], values: [1] })) },
        sources: own.map((row) => (row.source === null ? [] : [row.source])), targets: [{ local: 0, variable: target.variable, kind: target.kind, owners: target.owners }],
      });
      continue;
    }
    const where = local.get(target.variable);
    const part = where === undefined ? undefined : parts[where.part];
    if (part === undefined || where === undefined) continue;
    part.targets.push({ local: where.index, variable: target.variable, kind: target.kind, owners: target.owners });
  }
  return parts;
};
