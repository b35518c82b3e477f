import { InvalidDisclosurePolicyError } from './disclosure-errors';
import { policyMessage } from './messages';

/** Who a release is for: funders get rounded counts by default, programme managers exact ones. */
export const Audience = { funder: 'funder', manager: 'manager' } as const;
export type Audience = (typeof Audience)[keyof typeof Audience];

/** How strictly figures are controlled before they leave the store. */
export interface DisclosurePolicy {
  /** Threshold: figures backed by fewer than `k` people, and person counts 1..k-1, are suppressed. */
  k: number;
  /** Counts are rounded to the nearest multiple of this after suppression; 1 means no rounding. */
  rounding: number;
  audience: Audience;
}

/** Default threshold, as NHS England suppresses counts 1–7. */
export const DEFAULT_K = 8;

/** Default rounding base of funder outputs (NHS England rounds to the nearest 5). */
export const DEFAULT_FUNDER_ROUNDING = 5;

/**
 * Rounding base of a cell published rounded instead of hidden (`DisclosureContext.roundedCells`): 5 in a release of
 * exact counts (a manager's), twice the release's base in a rounded one (a funder's: 10). A fixed rule of the
 * method, so that every reader knows it.
 */
export const cellRoundingFor = (rounding: number): number => (rounding > 1 ? 2 * rounding : DEFAULT_FUNDER_ROUNDING);

/** The project's default policy for an audience: k = 8; funders round counts to 5, managers do not round. */
export const defaultDisclosurePolicy = (audience: Audience): DisclosurePolicy => ({
  k: DEFAULT_K,
  rounding: audience === Audience.funder ? DEFAULT_FUNDER_ROUNDING : 1,
  audience,
});

/** Throws `InvalidDisclosurePolicyError` unless k and rounding are positive integers and the audience is known. */
export const assertValidPolicy = (policy: DisclosurePolicy): void => {
  if (!Number.isInteger(policy.k) || policy.k < 1) throw new InvalidDisclosurePolicyError(policyMessage.k(policy.k));
  if (!Number.isInteger(policy.rounding) || policy.rounding < 1) {
    throw new InvalidDisclosurePolicyError(policyMessage.rounding(policy.rounding));
  }
  if (policy.audience !== Audience.funder && policy.audience !== Audience.manager) {
    throw new InvalidDisclosurePolicyError(policyMessage.audience(String(policy.audience)));
  }
};
