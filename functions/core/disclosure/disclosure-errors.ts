/** A disclosure policy with a threshold or rounding base that is not a positive integer, or an unknown audience. */
export class InvalidDisclosurePolicyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidDisclosurePolicyError';
  }
}

/** Input rows that cannot be controlled: a duplicate key or a metric outside the catalogue. */
export class InvalidFigureTableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidFigureTableError';
  }
}

/**
 * A suppressed value stays recoverable and only previously published (fixed) figures could protect it,
 * e.g. a quarter released before its months. The release must not be published.
 */
export class UnprotectableDisclosureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnprotectableDisclosureError';
  }
}
