/**
 * Machine-readable suppression reasons (the `suppression_reason` column):
 * `primary:n<8` (backed by fewer than k people), `primary:count<8` (a count, or the count a rate implies, in 1..k-1),
 * `primary:n-missing` (no n given: suppressed to fail closed), `secondary:<relation>` (a complement chosen so a
 * suppressed figure cannot be recovered through that relation: `group_type`, `programme`, `quarter`, `outcomes`,
 * `rate`, `n_participants`, `bound`), or the reason an earlier release gave (the pattern is fixed).
 */
export const SuppressionReason = {
  smallN: (k: number): string => `primary:n<${k}`,
  smallCount: (k: number): string => `primary:count<${k}`,
  missingN: 'primary:n-missing',
  secondary: (relation: string): string => `secondary:${relation}`,
  /** Reason kept on a row that was already suppressed on input without one. */
  upstream: 'primary:upstream',
} as const;

/** True for a primary reason (the figure itself is too small), false for a complement. */
export const isPrimaryReason = (reason: string): boolean => reason.startsWith('primary:');
