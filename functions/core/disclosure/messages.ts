/** Every user-facing text of disclosure control: error messages and the suppression notes of reports. */
export const policyMessage = {
  k: (k: number): string => `The disclosure threshold k must be a positive integer, got ${k}.`,
  rounding: (rounding: number): string => `The rounding base must be a positive integer (1 = no rounding), got ${rounding}.`,
  audience: (audience: string): string => `Unknown audience "${audience}": expected "funder" or "manager".`,
} as const;

export const tableMessage = {
  unknownMetric: (figure: string): string => `Cannot control figure ${figure}: the metric is not in the catalogue.`,
  duplicate: (figure: string): string => `Figure ${figure} appears more than once in the release.`,
  duplicatePrevious: (figure: string): string => `Figure ${figure} appears more than once in the previously published figures.`,
  unprotectable: (figure: string): string =>
    `Suppressed figure ${figure} can be recovered from previously published figures and nothing in this release ` +
    'can protect it; publish months before (or with) their quarter and pass earlier releases as previouslyPublished.',
  unprotectableInterval: (count: string): string =>
    `The count ${count} stays pinned too closely (interval audit) and this release has no figure left to hide that would protect it.`,
  auditDidNotConverge: (passes: number): string => `The interval audit still failed after ${passes} passes: the release is not published.`,
} as const;

const plural = (count: number): string => (count === 1 ? '1 figure' : `${count} figures`);

/** The sentence a report prints for one suppression reason or for rounding. */
export const noteMessage = {
  smallN: (count: number, k: number): string =>
    `${plural(count)} suppressed because fewer than ${k} people were behind them.`,
  smallCount: (count: number, k: number): string =>
    `${plural(count)} suppressed because they counted (or, for a rate, implied) between 1 and ${k - 1} people.`,
  missingN: (count: number): string =>
    `${plural(count)} suppressed because the number of people behind them was not known.`,
  hidden: (count: number, of: number, k: number): string =>
    `${plural(count)} of ${of} are hidden (shown as *): figures resting on fewer than ${k} people or counting 1 to ${k - 1} people, ` +
    'and the further figures needed so that no hidden figure can be worked out, or narrowed to a few values, from everything published. ' +
    'A group type with no groups in the period shows 0, never *.',
  upstream: (count: number): string => `${plural(count)} suppressed before disclosure control.`,
  secondary: (count: number, relation: string): string =>
    `${plural(count)} suppressed so that other suppressed figures cannot be worked out ${RELATION_TEXT[relation] ?? `through ${relation}`}.`,
  revised: (count: number): string =>
    `${plural(count)} published in an earlier release now fall below the threshold and are suppressed.`,
  other: (count: number, reason: string): string => `${plural(count)} suppressed (${reason}).`,
  rounding: (base: number): string =>
    `Counts of people are rounded to the nearest ${base}; rates are computed from the rounded counts; means are not rounded.`,
} as const;

const RELATION_TEXT: Readonly<Record<string, string>> = {
  group_type: 'from the all-group-types total',
  programme: 'from the all-programmes total',
  quarter: 'from the quarter total and its months',
  outcomes: 'from the split of paired participants into improved, unchanged and deteriorated',
  rate: 'from a rate and its counts',
  n_participants: 'from the number of people shown beside another figure',
  bound: 'from a smaller count of the same group (e.g. recovered within cases at start)',
  finished: 'from the completion and drop-out figures, which add up to everyone who finished a group',
};
