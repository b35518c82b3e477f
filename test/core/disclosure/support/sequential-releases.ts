import { applyDisclosureControl, monthsOfQuarter } from '../../../../functions/core/disclosure';
import type { DisclosurePolicy } from '../../../../functions/core/disclosure';
import type { FigureRow } from '../../../../functions/core/figures/figure-row';

/** The periods of each funder release of a quarter in the steady state: month 1, month 2, then month 3 with the quarter. */
export const releaseSteps = (quarter: string): string[][] => {
  const months = monthsOfQuarter(quarter) ?? [];
  return [months.slice(0, 1), months.slice(1, 2), [...months.slice(2), quarter]];
};

/**
 * Releases a quarter block as the nightly job does in the steady state: each step controls its periods with the
 * earlier months fixed as published (and their current rows passed, so the core knows their true values).
 * Returns each step's published rows; an `UnprotectableDisclosureError` propagates.
 */
export const releaseSequentially = (
  truth: readonly FigureRow[], quarter: string, policy: DisclosurePolicy,
): FigureRow[][] => {
  const releases: FigureRow[][] = [];
  for (const step of releaseSteps(quarter)) {
    const previous = releases.flat();
    const earlier = new Set(previous.map((r) => r.period));
    const input = truth.filter((r) => step.includes(r.period) || earlier.has(r.period));
    const { rows } = applyDisclosureControl(input, policy, { previouslyPublished: previous });
    releases.push(rows.filter((r) => step.includes(r.period)));
  }
  return releases;
};
