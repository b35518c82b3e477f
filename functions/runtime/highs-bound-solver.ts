import loadHighs from 'highs';
import type { BoundProblem, BoundSolver, VariableRange } from '../core/disclosure/bound-solver';
import { InfeasibleModelError } from '../core/disclosure/bound-solver';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type Model = ReturnType<Highs['createModel']>;

const OPTIMAL = 7;
const MIP_NODE_LIMIT = 500;
const INFEASIBLE = 8;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;

const build = (highs: Highs, problem: BoundProblem, integer: boolean): Model => {
  const model = highs.createModel();
  // A node limit, not a time limit, keeps every run identical; a MIP that stops there fails the count (closed).
  model.options.set(integer ? { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, mip_max_nodes: MIP_NODE_LIMIT } : { output_flag: false, presolve: 'off', solver: 'simplex' });
  const finite = (x: number): number => (x === Number.POSITIVE_INFINITY ? highs.infinity : x === Number.NEGATIVE_INFINITY ? -highs.infinity : x);
  model.addVars(problem.lower.map(finite), problem.upper.map(finite));
  for (const row of problem.rows) model.addRow(finite(row.lower), finite(row.upper), { indices: [...row.indices], values: [...row.values] });
  if (integer) for (let i = 0; i < problem.lower.length; i += 1) model.changeColIntegrality(i, highs.constants.variableType.integer);
  return model;
};

/**
 * HiGHS (WebAssembly) behind the core's `BoundSolver`: one persistent model per problem, the objective switched
 * to each target and solved as an integer programme (min and max); with `explain`, the LP relaxation's row duals
 * name the rows that bind each end.
 */
export const highsBoundSolver = async (): Promise<BoundSolver> => {
  const highs = await loadHighs();
  const { minimize, maximize } = highs.constants.objectiveSense;
  const solve = (model: Model, target: number, sense: typeof minimize, previous: number | null): number => {
    if (previous !== null) model.changeColCost(previous, 0);
    model.changeColCost(target, 1);
    model.changeObjectiveSense(sense);
    model.run();
    const status = model.getModelStatus();
    if (status === OPTIMAL) return model.getObjectiveValue();
    if (status === UNBOUNDED || status === UNBOUNDED_OR_INFEASIBLE) return sense === maximize ? Infinity : -Infinity;
    if (status === INFEASIBLE) throw new InfeasibleModelError('The published figures admit no solution of the disclosure model');
    // Stopped at the node limit (or any other limit): undecided, which the audit counts as failing (closed).
    return Number.NaN;
  };
  const binding = (model: Model): number[] => {
    const { rowDual } = model.getSolution();
    const rows: number[] = [];
    (rowDual ?? []).forEach((dual, i) => { if (Math.abs(dual) > 1e-9) rows.push(i); });
    return rows;
  };
  const integral = (model: Model): boolean => {
    const { colValue } = model.getSolution();
    return (colValue ?? []).every((x) => Math.abs(x - Math.round(x)) < 1e-7);
  };
  return {
    ranges: (problem, targets, options = {}) => {
      // The LP relaxation first (warm-started as the objective moves from target to target); an end whose LP
      // optimum is attained at an integer point is the integer optimum too, the others are solved as a MIP.
      const lp = build(highs, problem, false);
      let mip: Model | undefined;
      try {
        const out: VariableRange[] = [];
        let previous: number | null = null;
        let previousMip: number | null = null;
        const exact = (target: number, sense: typeof minimize): number => {
          mip ??= build(highs, problem, true);
          const value = solve(mip, target, sense, previousMip);
          previousMip = target;
          return value;
        };
        for (const target of targets) {
          const lowLp = solve(lp, target, minimize, previous);
          const bindingLow = options.explain === true ? binding(lp) : [];
          const lowIntegral = integral(lp);
          const highLp = solve(lp, target, maximize, target);
          const bindingHigh = options.explain === true && Number.isFinite(highLp) ? binding(lp) : [];
          const highIntegral = !Number.isFinite(highLp) || integral(lp);
          const [lowIn, highIn] = [Math.ceil(lowLp - 1e-6), Number.isFinite(highLp) ? Math.floor(highLp + 1e-6) : highLp];
          // The integer range lies inside the relaxed one: only a relaxed range the caller would accept needs the MIP.
          const confirm = !(lowIntegral && highIntegral) && (options.accepts?.(lowIn, highIn) ?? true);
          const low = confirm && !lowIntegral ? exact(target, minimize) : lowLp;
          const high = confirm && !highIntegral ? exact(target, maximize) : highLp;
          previous = target;
          // Optima come back as floats (2.9999999): round to the integer they stand for.
          if (Number.isNaN(low) || Number.isNaN(high)) { out.push({ low: lowIn, high: highIn, bindingLow, bindingHigh, undecided: true }); continue; }
          out.push({ low: Math.ceil(low - 1e-6), high: Number.isFinite(high) ? Math.floor(high + 1e-6) : high, bindingLow, bindingHigh });
        }
        return out;
      } finally {
        lp.dispose();
        mip?.dispose();
      }
    },
  };
};
