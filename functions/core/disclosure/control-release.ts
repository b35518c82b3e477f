import { ALL, emptyCellKey, emptyCellsOf, type FigureRow } from '../figures/figure-row';
import { isHeadline } from '../figures/headline';
import { Metric, metricInfo } from '../figures/metric';
import { applyDisclosureControl } from './apply-disclosure-control';
import { cellRoundingFor } from './disclosure-policy';
import { InfeasibleModelError, type BoundSolver, type VariableRange } from './bound-solver';
import type { DisclosurePolicy } from './disclosure-policy';
import { UnprotectableDisclosureError } from './disclosure-errors';
import { cellKey, figureKey } from './figure-key';
import { auditIntervals, type IntervalViolation, type ProtectionRule } from './interval-audit';
import { trueCounts, type HeldRelease, type RowRef } from './interval-model';
import { perturbationBand, perturbations, perturbedRow, type Perturbed } from './perturbation';
import { tableMessage } from './messages';
import { quarterOfMonth } from './period-relation';
import { SuppressionReason, isPrimaryReason } from './suppression-reason';

/** What the interval audit found for a release: the run record and the manifest carry it. */
export interface AuditSummary {
  /** Hidden or rounded counts of people whose feasible interval was computed (last pass). */
  audited: number;
  /** Narrowest interval (high − low) among them, null when none. */
  narrowest: number | null;
  /** Audit passes until no interval failed (1: the exact-linear pattern already held). */
  passes: number;
  /** Figures the audit hid beyond the exact-linear pattern. */
  hiddenByAudit: number;
}

/** A release that passed the interval audit, in its published form. */
export interface ControlledRelease {
  rows: FigureRow[];
  audit: AuditSummary;
}

/** One reader of a release: a name (for diagnostics) and the rows it holds of any set of published rows. */
export interface ReaderView {
  name: string;
  rows: (rows: readonly FigureRow[]) => FigureRow[];
}

/** The reader who holds everything published. */
export const WHOLE_RELEASE: ReaderView = { name: 'whole release', rows: (rows) => [...rows] };

/** Everything `controlRelease` needs besides the rows. */
export interface ReleaseOptions {
  policy: DisclosurePolicy;
  rule: ProtectionRule;
  solver: BoundSolver;
  /** Turns controlled rows into what is published (display precision, blank hidden rows). */
  present: (rows: readonly FigureRow[]) => FigureRow[];
  /** Earlier releases of the same figures whose pattern is fixed (exact-linear pass, see `DisclosureContext`). */
  previouslyPublished?: readonly FigureRow[];
  /** Other releases the same readers hold, as published (the audit treats them as known). */
  held?: readonly HeldRelease[];
  maxPasses?: number;
  /** Told after every audit pass (progress of a long release). */
  onPass?: (progress: { pass: number; hidden: number; shown: number; deferred: number; rounded?: number }) => void;
  /**
   * The readers of this release, each by the slice it holds (a funder: the rows of the programmes it funds, margins
   * only when it funds them all). Each is audited on its own, holding its slice of `held`. Default: one reader
   * holding the whole release (the strictest: a slice knows less than the whole).
   */
  views?: readonly ReaderView[];
  /**
   * Publish small headline counts of well-populated cells perturbed instead of hidden (`perturbation.ts`): the
   * deployment's secret key and the smallest base. Absent: they are hidden.
   */
  perturbation?: { key: Buffer; minBase: number };
  /**
   * Publish a cell of at least `minBase` people (participants; an instrument's paired people) rounded
   * (`DisclosureContext.roundedCells`, to `cellRoundingFor(policy.rounding)`: 5 for exact counts, 10 for funders')
   * rather than hide one of its headline figures as a complement. Absent: complements are hidden.
   */
  roundCells?: { minBase: number };
  /** Told of every complement the audit hides, with the violation it answers (diagnostics). */
  onComplement?: (complement: FigureRow, violation: IntervalViolation) => void;
}

// Relations never cross a quarter block (a quarter and its months), so each block is audited on its own. They do
// cross instruments: a published zero of participants empties the cell's instrument counts too.
const blockOf = (row: FigureRow): string => quarterOfMonth(row.period) ?? row.period;

const groupByBlock = (rows: readonly FigureRow[]): Map<string, FigureRow[]> => {
  const blocks = new Map<string, FigureRow[]>();
  for (const row of rows) {
    const key = blockOf(row);
    const list = blocks.get(key);
    if (list === undefined) blocks.set(key, [row]);
    else list.push(row);
  }
  return blocks;
};

const NONE: ReadonlySet<string> = new Set();

// Passes a count may keep failing with one complement hidden for it per pass before all its binding rows go.
const ESCALATE_AFTER = 3;

const SIZE_METRICS: ReadonlySet<string> = new Set([Metric.participants, Metric.paired, Metric.enrolled]);

// How much a hidden figure protects (people it carries); margins (the grand total last of all) and the headline
// sizes are hidden last.
const preference = (row: FigureRow): [number, number, number] => {
  const margin = (row.programme_id === ALL ? 1 : 0) + (row.group_type === ALL ? 1 : 0);
  const info = metricInfo(row.metric);
  const amount = info?.kind === 'rate' ? (row.value ?? 0) * (row.n_participants ?? 0) : info?.kind === 'count' ? row.value ?? 0 : row.n_participants ?? 0;
  return [margin, SIZE_METRICS.has(row.metric) ? 1 : 0, -amount];
};
const better = (a: FigureRow, b: FigureRow): boolean => {
  const [pa, pb] = [preference(a), preference(b)];
  for (let i = 0; i < pa.length; i += 1) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  return figureKey(a) < figureKey(b);
};

/**
 * The complement to hide for one violation: a visible figure of this release, seen by the reader, among the rows that bind the
 * interval; failing that, a visible figure of the owner's cell, then one of the owner's metric in the same period
 * and instrument (siblings and margins). Undefined when this release has nothing left to hide.
 */
const complementFor = (
  violation: IntervalViolation, rows: readonly FigureRow[], taken: ReadonlySet<string>, seen: ReadonlySet<string>, empty: ReadonlySet<string>,
): FigureRow | undefined => {
  // Only what the reader sees can change what it knows.
  const open = (row: FigureRow | undefined): row is FigureRow => row !== undefined && !row.suppressed && !taken.has(figureKey(row)) && seen.has(figureKey(row)) &&
    !empty.has(emptyCellKey(row));
  const pick = (candidates: (FigureRow | undefined)[]): FigureRow | undefined =>
    candidates.filter(open).reduce<FigureRow | undefined>((best, row) => (best === undefined || better(row, best) ? row : best), undefined);
  const current = (refs: readonly RowRef[]): (FigureRow | undefined)[] => refs.filter((r) => r.release === 0).map((r) => rows[r.row]);
  const owners = current(violation.owners).filter((r): r is FigureRow => r !== undefined);
  const isGrandTotal = (row: FigureRow | undefined): boolean => row?.programme_id === ALL && row.group_type === ALL;
  // The grand total is what every reader looks at first: a binding row below it, then the owner's own cell, and
  // only then the grand total.
  // Headline figures (participants, rates, mean change, reliable change, recovery) only when no other figure of
  // those would do.
  const binding = current(violation.binding);
  const cell = rows.filter((r) => owners.some((o) => cellKey(o) === cellKey(r)));
  const other = (list: (FigureRow | undefined)[]): (FigureRow | undefined)[] => list.filter((r) => r !== undefined && !isHeadline(r));
  return pick(other(binding.filter((r) => !isGrandTotal(r)))) ??
    pick(other(cell)) ??
    pick(binding.filter((r) => !isGrandTotal(r))) ??
    pick(cell) ??
    pick(binding) ??
    pick(rows.filter((r) => owners.some((o) => o.metric === r.metric && o.period === r.period && o.instrument === r.instrument)));
};

// A held release made before later data changed (late or corrected records, erasures, moved groups) describes
// other true counts than this release: linked to the same unknowns, the model has no solution. Such a block is
// audited again with the held releases as snapshots of their own (their own unknowns, their own structure).
const auditWithSnapshots = (
  releases: readonly HeldRelease[], rule: ProtectionRule, solver: BoundSolver, cache: Map<string, VariableRange[]>, truth: ReadonlyMap<string, number>,
): ReturnType<typeof auditIntervals> => {
  try {
    return auditIntervals(releases, rule, solver, { cache, truth });
  } catch (error) {
    if (!(error instanceof InfeasibleModelError) || releases.length < 2) throw error;
    const apart = releases.map((release, r) => (release.current ? release : { ...release, rows: release.rows.map((row) => ({ ...row, period: `${row.period}@held${r}` })) }));
    return auditIntervals(apart, rule, solver, { cache, truth });
  }
};

/**
 * Controls one release and gates it on the interval audit:
 *
 *   exact-linear control (`applyDisclosureControl`) → present → audit every block against everything the
 *   readers hold → hide one complement per failing count → again, until nothing fails (fail closed otherwise)
 *
 * Throws `UnprotectableDisclosureError` when a failing count has no complement left in this release.
 */
export const controlRelease = (rows: readonly FigureRow[], options: ReleaseOptions): ControlledRelease => {
  const { policy, rule, solver, present } = options;
  const held = options.held ?? [];
  const heldByBlock = held.map((release) => ({ release, blocks: groupByBlock(release.rows) }));
  const forced = new Set<string>();
  const shown = new Set<string>();
  const auditHidden = new Set<string>();
  const cache = new Map<string, VariableRange[]>();
  // Which hidden counts are small (sensitive) and which are complements: from the rows before control.
  const truth = trueCounts(rows);
  // Cells without participants: published as zeros ("no groups this period"), never hidden as complements.
  const empty = emptyCellsOf(rows);
  const verdicts = new Map<string, { text: string; violations: IntervalViolation[]; audited: number; narrowest: number | null }>();
  // Per reader and count: passes in a row it has failed.
  let failingBefore = new Map<string, number>();
  let failingNow = new Map<string, number>();
  const maxPasses = options.maxPasses ?? 60;
  const views = options.views ?? [WHOLE_RELEASE];
  // Cells published rounded instead of losing a headline figure as a complement (only in exact-count releases).
  const roundedCells = new Set<string>();
  const cellRounding = cellRoundingFor(policy.rounding);
  const sizes = cellSizes(rows);
  const keysOfCell = new Map<string, string[]>();
  for (const row of rows) keysOfCell.set(cellKey(row), [...(keysOfCell.get(cellKey(row)) ?? []), figureKey(row)]);
  const canRound = (row: FigureRow): boolean => options.roundCells !== undefined && isHeadline(row) &&
    !roundedCells.has(cellKey(row)) && (sizes.get(cellKey(row)) ?? 0) >= options.roundCells.minBase;
  // A rounded cell's figures are published rounded from now on, also those an earlier pass hid as complements.
  const roundCell = (cell: string): void => {
    roundedCells.add(cell);
    for (const key of keysOfCell.get(cell) ?? []) { forced.delete(key); auditHidden.delete(key); }
  };
  // Figures published perturbed: hidden to the exact-linear pass (their true value is not published), shown
  // perturbed unless the audit hides one as a complement.
  const perturbedNow = (): Map<string, Perturbed> => (options.perturbation === undefined ? new Map<string, Perturbed>() : perturbations(rows, {
    ...options.perturbation, band: perturbationBand(rule.k, rule.protectionWidth), rounding: policy.rounding, k: rule.k,
  }, { cells: roundedCells, base: cellRounding }));
  let perturbed = perturbedNow();
  const INTERVAL = SuppressionReason.secondary('interval');
  // The exact-linear pass over the current pattern: audit complements and perturbed figures hidden, rounded cells rounded.
  const exactLinear = () => applyDisclosureControl(rows, policy, {
    previouslyPublished: options.previouslyPublished, forceHidden: new Set([...forced, ...perturbed.keys()]), forceShown: shown, roundedCells,
  });
  for (let pass = 1; ; pass += 1) {
    let controlled = exactLinear();
    // Headline figures of well-populated cells the exact-linear pass hid as complements: their cells are rounded instead.
    for (;;) {
      const fresh = [...new Set(controlled.rows.filter((row) => row.suppressed && !isPrimaryReason(row.suppression_reason ?? '') &&
        row.suppression_reason !== INTERVAL && !perturbed.has(figureKey(row)) && canRound(row)).map(cellKey))];
      if (fresh.length === 0) break;
      for (const cell of fresh) roundCell(cell);
      perturbed = perturbedNow();
      controlled = exactLinear();
    }
    const published = present(controlled.rows.map((row) => {
      const key = figureKey(row);
      const value = auditHidden.has(key) ? undefined : perturbed.get(key);
      return value === undefined ? row : perturbedRow(row, value);
    }));
    let audited = 0;
    let narrowest: number | null = null;
    const added: string[] = [];
    const revealed: string[] = [];
    // Cells to round after this pass, each answering the violations whose complement it holds.
    const toRound = new Set<string>();
    let deferred = 0;
    failingBefore = failingNow;
    failingNow = new Map<string, number>();
    for (const [block, blockRows] of groupByBlock(published)) {
      const position = new Map(blockRows.map((row, i) => [figureKey(row), i]));
      const taken = new Set<string>();
      for (const view of views) {
        // The reader's slice of the block (and of what it holds), with its refs mapped back to the block's rows.
        const viewRows = view.rows(blockRows);
        const seen = new Set(viewRows.map(figureKey));
        const seenExact = new Set(viewRows.filter((row) => row.rounded !== true).map(figureKey));
        const text = JSON.stringify(viewRows);
        const verdictKey = `${block}\u001f${view.name}`;
        let verdict = verdicts.get(verdictKey);
        if (verdict?.text !== text) {
          const releases: HeldRelease[] = [
            { rows: viewRows, rounding: policy.rounding, current: true },
            ...heldByBlock.map(({ release, blocks }) => ({ ...release, rows: view.rows(blocks.get(block) ?? []) })).filter((r) => r.rows.length > 0),
          ];
          const result = auditWithSnapshots(releases, rule, solver, cache, truth);
          const toBlock = (refs: readonly RowRef[]): RowRef[] => refs.flatMap((ref) => {
            if (ref.release !== 0) return [ref];
            const row = viewRows[ref.row];
            const at = row === undefined ? undefined : position.get(figureKey(row));
            return at === undefined ? [] : [{ release: 0, row: at }];
          });
          const violations = result.violations.map((v) => ({ ...v, owners: toBlock(v.owners), binding: toBlock(v.binding) }));
          verdict = { text, violations, audited: result.audited, narrowest: result.narrowest };
          verdicts.set(verdictKey, verdict);
        }
        audited += verdict.audited;
        if (verdict.narrowest !== null) narrowest = narrowest === null ? verdict.narrowest : Math.min(narrowest, verdict.narrowest);
        for (const violation of verdict.violations) {
          // A hidden count known exactly and not small protects nothing by being hidden: show its own figures.
          // Only a count row is shown back: it carries nothing but that count (a rate row would add its n).
          const known = violation.why === 'exact' && violation.low >= rule.k && violation.kind === 'hidden';
          const reveal = known ? violation.owners.filter((r) => r.release === 0).map((r) => blockRows[r.row])
            .filter((r): r is FigureRow => r !== undefined && metricInfo(r.metric)?.kind === 'count' && !shown.has(figureKey(r))) : [];
          if (reveal.length > 0) {
            for (const row of reveal) revealed.push(figureKey(row));
            continue;
          }
          // A count still failing after complements were hidden for it in ESCALATE_AFTER passes is bound by several equivalent
          // rows (a degenerate optimum names one of them at a time): hide every visible binding row it has at once
          // (every one that is not a headline figure, when there are such).
          const failingName = `${view.name}\u001f${violation.name}`;
          const streak = (failingBefore.get(failingName) ?? 0) + 1;
          failingNow.set(failingName, streak);
          if (streak > ESCALATE_AFTER) {
            const binding = violation.binding.filter((r) => r.release === 0).map((r) => blockRows[r.row])
              .filter((r): r is FigureRow => r !== undefined && !r.suppressed && seen.has(figureKey(r)) && !taken.has(figureKey(r)));
            const nonEmpty = binding.filter((r) => !empty.has(emptyCellKey(r)));
            const all = nonEmpty.length > 0 ? nonEmpty : binding;
            // Figures other than headline ones first, as for a single complement.
            const others = all.filter((r) => !isHeadline(r));
            if (all.length > 0) {
              for (const row of others.length > 0 ? others : all) {
                if (canRound(row) || toRound.has(cellKey(row))) { toRound.add(cellKey(row)); continue; }
                taken.add(figureKey(row));
                added.push(figureKey(row));
                options.onComplement?.(row, violation);
              }
              continue;
            }
          }
          // Rows of rounded cells only when nothing else binds (they are already less exact).
          const complement = complementFor(violation, blockRows, taken, seenExact, empty) ?? complementFor(violation, blockRows, taken, seen, empty) ??
            // Zeros of empty cells only when nothing else can protect the count (rather than withhold the release).
            complementFor(violation, blockRows, taken, seen, NONE);
          if (complement !== undefined && (canRound(complement) || toRound.has(cellKey(complement)))) {
            toRound.add(cellKey(complement));
            continue;
          }
          // Another violation of this pass already hides what would protect it: look again next pass.
          if (complement === undefined && complementFor(violation, blockRows, new Set(), seen, NONE) !== undefined) {
            deferred += 1;
            continue;
          }
          if (complement === undefined) {
            throw new UnprotectableDisclosureError(tableMessage.unprotectableInterval(violation.name.replace(/[\u001e\u001f]/g, ' / ')));
          }
          taken.add(figureKey(complement));
          added.push(figureKey(complement));
          options.onComplement?.(complement, violation);
        }
      }
    }
    options.onPass?.({ pass, hidden: added.length, shown: revealed.length, deferred, rounded: toRound.size });
    if (added.length === 0 && revealed.length === 0 && deferred === 0 && toRound.size === 0) {
      return { rows: published, audit: { audited, narrowest, passes: pass, hiddenByAudit: auditHidden.size } };
    }
    if (pass >= maxPasses) throw new UnprotectableDisclosureError(tableMessage.auditDidNotConverge(maxPasses));
    // The pattern only grows (besides counts shown back because they are known anyway): everything hidden so
    // far stays hidden, so the exact-linear pass cannot trade an audited complement for another and passes converge.
    for (const row of controlled.rows) if (row.suppressed && !shown.has(figureKey(row))) forced.add(figureKey(row));
    for (const cell of toRound) roundCell(cell);
    for (const key of added) { forced.add(key); auditHidden.add(key); }
    for (const key of revealed) { shown.add(key); forced.delete(key); }
    if (toRound.size > 0) perturbed = perturbedNow();
  }
};

// The people a cell holds: participants of a participation cell, paired people of an instrument's cell.
const cellSizes = (rows: readonly FigureRow[]): Map<string, number> => {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    if (row.value === null) continue;
    if ((row.metric === Metric.participants && row.instrument === '') || row.metric === Metric.paired) sizes.set(cellKey(row), row.value);
  }
  return sizes;
};

