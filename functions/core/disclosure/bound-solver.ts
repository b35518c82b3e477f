/** A small integer programme: bounds per variable and rows `lower ≤ Σ values·x[indices] ≤ upper`. */
export interface BoundProblem {
  lower: readonly number[];
  upper: readonly number[];
  rows: readonly { lower: number; upper: number; indices: readonly number[]; values: readonly number[] }[];
}

/** The feasible range of one variable, and the rows that bind it (from the LP relaxation's duals). */
export interface VariableRange {
  low: number;
  high: number;
  /** Rows with a non-zero dual at the minimum / maximum (empty when not asked for or none). */
  bindingLow: number[];
  bindingHigh: number[];
  /** The integer programme stopped before proving its range (node limit): the caller must treat it as failing. */
  undecided?: boolean;
}

/**
 * Computes, for each of `targets`, the smallest and largest value it takes over all integer solutions of the
 * problem (`high` is +Infinity when unbounded). With `explain`, also the rows that bind each end. Implemented
 * in the shell with HiGHS (`functions/runtime/highs-bound-solver.ts`); the core only sees this interface.
 */
export interface BoundSolver {
  ranges(problem: BoundProblem, targets: readonly number[], options?: RangeOptions): VariableRange[];
}

/** `explain`: also the binding rows; `accepts`: the caller's verdict, so a range it rejects anyway needs no integer solve. */
export interface RangeOptions {
  explain?: boolean;
  accepts?: (low: number, high: number) => boolean;
}

/** The problem was infeasible: the published figures contradict the relations the model assumes (a model bug). */
export class InfeasibleModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InfeasibleModelError';
  }
}
